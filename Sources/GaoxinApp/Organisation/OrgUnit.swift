import Fluent
import Foundation
import GaoxinDomain

/// An organisation unit (单位) as the rest of the product reads it (ownership, pickers). Written
/// only through the declared register (`RegisterDeclaration.units`). Named `OrgUnit` because
/// `Unit` is Swift's empty tuple type alias.
final class OrgUnit: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    /// Pinyin key of the name (`PinyinNameMiddleware`), for lists sorted by name.
    @OptionalField(key: "name_sort") var nameSort: String?
    @Field(key: "kind") var kind: String
    @OptionalField(key: "code") var code: String?
    @OptionalField(key: "parent_id") var parentID: Int?
    /// Materialised path `/1/5/12/` including the unit's own id (see `UnitPath`).
    @Field(key: "path") var path: String
    /// Display order of the tree (`UnitTreeKey`): parent's key + (sort order, id).
    @OptionalField(key: "tree_key") var treeKey: String?
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "active") var active: Bool
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}

    var unitKind: UnitKind { UnitKind(rawValue: kind) ?? .department }
    var unitPath: UnitPath? { UnitPath(path) }
}
