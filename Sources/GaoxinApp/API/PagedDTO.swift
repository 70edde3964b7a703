import OpenAPIKit30
import Vapor

/// One page of a list endpoint: the items and the list's `total`, `page` and `per` — the same
/// shape for every register, described once.
struct PagedDTO<Item: Content & APISchema>: Content, APISchema {
    var items: [Item]
    var total: Int
    var page: Int
    var per: Int
    /// True when `total` was counted only so far (a search for a common word): at least that many.
    var totalIsLowerBound = false

    static var schemaName: String { Item.schemaName + "List" }
    static var openAPISchema: JSONSchema {
        .object(properties: ["items": .array(items: .reference(.component(named: Item.schemaName))), "total": .integer, "page": .integer, "per": .integer,
                                "totalIsLowerBound": .boolean])
    }
}
