import SQLKit

/// The ids of the units a list's unit filter names — the unit and every unit below it — read
/// before the list's queries and bound as a list. Given `IN (SELECT … FROM units …)`, SQLite
/// cannot tell how many rows the subtree holds and takes another filter's index instead: a
/// team's started projects were counted by walking all 30,000 started projects (22–49 ms) rather
/// than the team's 1,430 (2 ms). A bound list lets either engine weigh the unit index by its
/// statistics. A subtree larger than `boundAtMost` units keeps the subquery.
struct UnitSubtrees: Sendable {
    static let boundAtMost = 1_000

    private var ids: [String: [Int]] = [:]

    static func resolve(_ definition: ListDefinition, _ query: ListQuery, on sql: any SQLDatabase) async throws -> UnitSubtrees {
        var resolved = UnitSubtrees()
        for filter in definition.filters {
            guard case .unitSubtree = filter.kind, let value = query.filters[filter.key], resolved.ids[value] == nil else { continue }
            resolved.ids[value] = try await read(value, on: sql)
        }
        return resolved
    }

    /// The subtree's ids, nil when there are more than `boundAtMost`.
    static func read(_ value: String, on sql: any SQLDatabase) async throws -> [Int]? {
        let rows = try await sql.raw("\(ListFilter.subtreeUnitIDs(value)) LIMIT \(unsafeRaw: String(boundAtMost + 1))").all()
        guard rows.count <= boundAtMost else { return nil }
        return try rows.map { try $0.decode(column: "id", as: Int.self) }
    }

    /// A subtree of one unit read ahead (a unit's page gathering its subtree's records).
    static func of(_ unitID: Int, on sql: any SQLDatabase) async throws -> UnitSubtrees {
        var resolved = UnitSubtrees()
        resolved.ids[String(unitID)] = try await read(String(unitID), on: sql)
        return resolved
    }

    /// Whether the subtree `value` names was read and is that one unit alone (a leaf unit).
    func isSingleUnit(_ value: String) -> Bool { ids[value]?.count == 1 }

    /// `column IN (…)` for the unit `value` names: the bound ids when they were read, else the subquery.
    func condition(_ column: String, unit value: String) -> SQLQueryString {
        guard let ids = ids[value] else { return "\(unsafeRaw: column) IN (\(ListFilter.subtreeUnitIDs(value)))" }
        return ids.isEmpty ? "1 = 0" : "\(unsafeRaw: column) IN (\(binds: ids))"
    }
}
