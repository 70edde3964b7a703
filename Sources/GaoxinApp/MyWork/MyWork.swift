import Foundation
import GaoxinDomain
import OpenAPIKit30
import SQLKit
import Vapor

/// 我的待办 (SPEC §3, issue 13 §8): what is overdue or coming due for the user's unit and the units
/// below it — drawn from every declared register that has a time limit and belongs to a unit
/// (obstacles, a project's next milestone, a lead's next step, service items, certificates), so a
/// register declared later with a deadline joins without a line here. The state is the list's own
/// (`ListRunner.timeLimitCondition`): the list link shows exactly the records counted.
struct MyWork: Content, APISchema {
    struct Item: Content, Equatable {
        var id: Int
        var name: String
        var due: String
        var state: String
        var path: String
    }

    struct Group: Content, Equatable {
        var register: String
        var title: String
        var dueLabel: String
        var overdue: Int
        var dueSoon: Int
        var items: [Item]
        var overduePath: String
        var dueSoonPath: String
    }

    /// The unit whose subtree is read; nil for every unit (the zone-wide webhook digest).
    var unitId: Int?
    var unitName: String
    var today: String
    var groups: [Group]

    /// Items listed per register (the counts are of all).
    static let shown = 10

    /// The registers with a deadline owned by a unit, that the roles may read.
    static func sources(for roles: Set<Role>) -> [(RegisterDeclaration, RegisterTimeLimit, String)] {
        Registers.all.compactMap { declaration in
            guard let limit = declaration.timeLimit, case .unitField(let key) = declaration.ownership,
                  !declaration.policy.read.isDisjoint(with: roles) else { return nil }
            return (declaration, limit, key)
        }
    }

    static func load(unitID: Int?, unitName: String, roles: Set<Role>, today: String, on sql: any SQLDatabase) async throws -> MyWork {
        var groups: [Group] = []
        // A unit whose subtree is a small share of the tree (below the top, or one city of a
        // province's several) holds a small share of the records: they are found through the unit
        // index, the date wrapped (`|| ''`) so neither engine walks the whole province's date
        // range instead — in the ORDER BY too, or PostgreSQL walks the date index for the first ten
        // (measured at province scale, BENCHMARKS.md).
        let narrow = try await unitID.asyncMap { id in
            let row = try await sql.raw("""
                SELECT (SELECT COUNT(*) FROM units s WHERE s.path LIKE (SELECT path FROM units WHERE id = \(bind: id)) || '%') AS mine,
                       (SELECT COUNT(*) FROM units) AS total
                """).first()
            return try (row?.decode(column: "mine", as: Int.self) ?? 0) * 2 < (row?.decode(column: "total", as: Int.self) ?? 0)
        } ?? false
        for (declaration, limit, unitKey) in sources(for: roles) {
            let unitColumn = "r." + RegisterField.snakeCase(unitKey), due = "r." + RegisterField.snakeCase(limit.field)
            let dueExpression = narrow ? "(\(due) || '')" : due
            let mine: SQLQueryString = unitID.map { "r.active = \(bind: true) AND \(unsafeRaw: unitColumn) IN (\(ListFilter.subtreeUnitIDs(String($0))))" }
                ?? "r.active = \(bind: true)"
            let expired = ListRunner.timeLimitCondition(limit, .expired, today: today, column: dueExpression)
            let expiring = ListRunner.timeLimitCondition(limit, .expiring, today: today, column: dueExpression)
            let counts = try await sql.raw("""
                SELECT SUM(CASE WHEN \(expired) THEN 1 ELSE 0 END) AS overdue, SUM(CASE WHEN \(expiring) THEN 1 ELSE 0 END) AS soon
                FROM \(unsafeRaw: declaration.table) r WHERE \(mine) AND ((\(expired)) OR (\(expiring)))
                """).first()
            let overdue = try ProjectGroups.count(counts, "overdue"), soon = try ProjectGroups.count(counts, "soon")
            guard overdue + soon > 0 else { continue }
            let name = "r." + RegisterField.snakeCase(declaration.nameField)
            let rows = try await sql.raw("""
                SELECT r.id, \(unsafeRaw: name) AS name, \(unsafeRaw: due) AS due FROM \(unsafeRaw: declaration.table) r
                WHERE \(mine) AND ((\(expired)) OR (\(expiring))) ORDER BY \(unsafeRaw: dueExpression), r.id LIMIT \(unsafeRaw: String(shown))
                """).all()
            let list = declaration.path + "?" + (unitID.map { "\(unitKey)=\($0)&" } ?? "") + "\(limit.key)="
            groups.append(Group(
                register: declaration.key, title: declaration.titleZh,
                dueLabel: declaration.field(limit.field)?.zh ?? limit.labelZh, overdue: overdue, dueSoon: soon,
                items: try rows.map { row in
                    let day = try row.decode(column: "due", as: String.self)
                    return Item(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self), due: day,
                                state: day < today ? RegisterExpiry.expired.rawValue : RegisterExpiry.expiring.rawValue,
                                path: declaration.path(try row.decode(column: "id", as: Int.self)))
                },
                overduePath: list + RegisterExpiry.expired.rawValue, dueSoonPath: list + RegisterExpiry.expiring.rawValue))
        }
        return MyWork(unitId: unitID, unitName: unitName, today: today, groups: groups)
    }

    static func load(for actor: Actor, today: String, on sql: any SQLDatabase) async throws -> MyWork {
        try await load(unitID: actor.unitID, unitName: actor.unitName, roles: actor.roles, today: today, on: sql)
    }

    static let schemaName = "MyWork"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "unitId": .integer(description: "单位 ID（含下级单位）"), "unitName": .string, "today": .string(format: .date),
            "groups": .array(items: .object(properties: [
                "register": .string(description: "登记册键"), "title": .string, "dueLabel": .string(description: "时限字段名称"),
                "overdue": .integer(description: "已逾期（已过期、滞后）"), "dueSoon": .integer(description: "即将到期"),
                "items": .array(items: .object(properties: [
                    "id": .integer, "name": .string, "due": .string(format: .date),
                    "state": .string(allowedValues: ["expired", "expiring"]), "path": .string,
                ])),
                "overduePath": .string, "dueSoonPath": .string,
            ])),
        ])
    }
}
