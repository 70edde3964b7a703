import Fluent
import SQLKit

/// The active records of declared registers that point at one record — an enterprise's talents
/// and awards, a cluster's policies and funds, a policy's awards — counted, their money summed, the
/// first few named, for that record's page. A cluster also gathers the records that point at the
/// enterprises counting in it (`ClusterMembership`), so "awards per cluster" counts each of its
/// enterprises once; a unit gathers its subtree's records, as the lists' unit filter does, so the
/// count and the list behind it agree. Every register that refers to another shows up here by
/// being declared.
enum RegisterBacklinks {
    struct Group: Sendable {
        let declaration: RegisterDeclaration
        let field: RegisterField
        /// The records point at the cluster's enterprises rather than at the cluster.
        let throughMembers: Bool
        let count: Int
        let sums: [(field: RegisterField, total: Int64)]
        /// Records per time-limit state (overdue service items, expired certificates), where the register has one.
        let states: [(state: RegisterExpiry, count: Int)]
        /// The first records in the register's own order (newest visit first, nearest deadline first),
        /// with the date they are ordered by and their time-limit state.
        let first: [Named]
        /// The register's list filtered to exactly these records, where the field is filterable.
        let listPath: String?
    }

    struct Named: Sendable {
        let id: Int
        let name: String
        let day: String?
        let state: RegisterExpiry?
    }

    /// How many records a group names on the page; the rest are behind its list link.
    static let named = 10

    /// The groups of the registers `reader` may read (an auditor reads no programme register):
    /// the others are not queried at all.
    static func to(table: String, id: Int, today: String, readableBy reader: Actor?, on db: Database) async throws -> [Group] {
        let sql = db as! any SQLDatabase
        var specs: [(declaration: RegisterDeclaration, field: RegisterField, condition: SQLQueryString, throughMembers: Bool, listPath: String?)] = []
        let subtree = table == RegisterTarget.unit.table ? try await UnitSubtrees.of(id, on: sql) : UnitSubtrees()
        for declaration in Registers.all where reader?.hasAny(declaration.policy.read) ?? false {
            for field in declaration.fields {
                guard let pointed = field.kind.target else { continue }
                if pointed.table == table, pointed.isUnit, !field.kind.isMulti {
                    let condition = subtree.condition("r." + field.column, unit: String(id))
                    specs.append((declaration, field, condition, false, field.filterable ? declaration.path + "?\(field.key)=\(id)" : nil))
                } else if pointed.table == table {
                    let condition: SQLQueryString = field.kind.isMulti
                        ? "EXISTS (SELECT 1 FROM register_links l WHERE l.register = \(bind: declaration.key) AND l.field = \(bind: field.key) AND l.record_id = r.id AND l.target_id = \(bind: id))"
                        : "r.\(unsafeRaw: field.column) = \(bind: id)"
                    specs.append((declaration, field, condition, false, field.filterable ? declaration.path + "?\(field.key)=\(id)" : nil))
                } else if table == RegisterTarget.cluster.table, pointed.table == RegisterTarget.enterprise.table, !field.kind.isMulti {
                    // IS NOT NULL: the partial index of a mostly empty reference (M0053) is then plainly usable.
                    let condition: SQLQueryString = "r.\(unsafeRaw: field.column) IS NOT NULL AND r.\(unsafeRaw: field.column) IN (\(ClusterMembership.enterpriseIDs(cluster: id)))"
                    specs.append((declaration, field, condition, true, field.filterable ? declaration.path + "?\(field.memberClusterKey)=\(id)" : nil))
                }
            }
        }
        // One small query pair per register, run concurrently on pooled connections; kept in register order.
        return try await withThrowingTaskGroup(of: (Int, Group?).self) { tasks in
            for (index, spec) in specs.enumerated() {
                tasks.addTask {
                    (index, try await group(spec.declaration, spec.field, spec.condition, throughMembers: spec.throughMembers, listPath: spec.listPath, today: today, on: sql))
                }
            }
            var found: [(Int, Group)] = []
            for try await (index, group) in tasks { if let group { found.append((index, group)) } }
            return found.sorted { $0.0 < $1.0 }.map(\.1)
        }
    }

    private static func group(_ declaration: RegisterDeclaration, _ field: RegisterField, _ condition: SQLQueryString,
                              throughMembers: Bool, listPath: String?, today: String, on sql: any SQLDatabase) async throws -> Group? {
        let money = declaration.singleFields.filter(\.kind.isMoney)
        var totalsQuery = SQLQueryString("SELECT COUNT(*) AS n")
        for (index, field) in money.enumerated() { totalsQuery += ", CAST(SUM(r.\(unsafeRaw: field.column)) AS BIGINT) AS s\(unsafeRaw: String(index))" }
        let states = declaration.timeLimit?.states ?? []
        for state in states {
            totalsQuery += ", SUM(CASE WHEN \(ListRunner.timeLimitCondition(declaration.timeLimit!, state, today: today)) THEN 1 ELSE 0 END) AS t_\(unsafeRaw: state.rawValue)"
        }
        totalsQuery += " FROM \(unsafeRaw: declaration.table) r WHERE r.active = \(bind: true) AND " + condition
        guard let totals = try await sql.raw(totalsQuery).first() else { return nil }
        let count = try totals.decode(column: "n", as: Int.self)
        guard count > 0 else { return nil }
        let sums = try money.enumerated().map { index, field in
            (field: field, total: try totals.decodeNil(column: "s\(index)") ? 0 : totals.decode(column: "s\(index)", as: Int64.self))
        }
        let stateCounts = try states.map { (state: $0, count: try totals.decodeNil(column: "t_\($0.rawValue)") ? 0 : totals.decode(column: "t_\($0.rawValue)", as: Int.self)) }
        // The register's own order: by its default sort field (a date, newest or nearest first), else by name.
        let sortField = declaration.field(declaration.defaultSort).flatMap { $0.key == declaration.nameField || $0.kind.isMulti ? nil : $0 }
        let day = sortField.flatMap { field -> RegisterField? in if case .date = field.kind { return field }; return nil }
        let limit = declaration.timeLimit
        // Empty values last in both directions and on both engines, as the register's list orders them.
        let order = sortField.map { RegisterList.sortExpression($0) + (declaration.defaultDescending ? " DESC NULLS LAST" : " ASC NULLS LAST") + ", " } ?? ""
        let extra = [day.map { "r.\($0.column) AS day" }, limit.map { "r.\(RegisterField.snakeCase($0.field)) AS due" },
                     limit?.settledBy.map { "r.\(RegisterField.snakeCase($0.field)) AS settled" }].compactMap { $0 }.map { ", " + $0 }.joined()
        let rows = try await sql.raw("""
            SELECT r.id, r.\(unsafeRaw: declaration.name.column) AS name\(unsafeRaw: extra) FROM \(unsafeRaw: declaration.table) r
            WHERE r.active = \(bind: true) AND \(condition) ORDER BY \(unsafeRaw: order)r.name_sort, r.id LIMIT \(unsafeRaw: String(named))
            """).all()
        let first = try rows.map { row -> Named in
            var state: RegisterExpiry?
            if let limit {
                var values: RegisterValues = [:]
                if let due = try row.decode(column: "due", as: String?.self) { values[limit.field] = .text(due) }
                if let settledBy = limit.settledBy, let settled = try row.decode(column: "settled", as: String?.self) { values[settledBy.field] = .text(settled) }
                state = limit.state(of: RegisterRecord(id: 0, active: true, values: values), today: today)
            }
            return Named(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                         day: day == nil ? nil : try row.decode(column: "day", as: String?.self), state: state)
        }
        return Group(declaration: declaration, field: field, throughMembers: throughMembers, count: count, sums: sums, states: stateCounts,
                     first: first, listPath: listPath)
    }
}
