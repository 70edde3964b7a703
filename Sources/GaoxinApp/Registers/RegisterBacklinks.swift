import Fluent
import SQLKit

/// The active records of declared registers that point at one record — an enterprise's talents
/// and awards, a cluster's policies and funds, a policy's awards — counted, their money summed, the
/// first few named, for that record's page. A cluster also gathers the records that point at the
/// enterprises counting in it (`ClusterMembership`), so "awards per cluster" counts each of its
/// enterprises once. Every register that refers to another shows up here by being declared.
enum RegisterBacklinks {
    struct Group: Sendable {
        let declaration: RegisterDeclaration
        let field: RegisterField
        /// The records point at the cluster's enterprises rather than at the cluster.
        let throughMembers: Bool
        let count: Int
        let sums: [(field: RegisterField, total: Int64)]
        let first: [(id: Int, name: String)]
        /// The register's list filtered to exactly these records, where the field is filterable.
        let listPath: String?
    }

    /// How many records a group names on the page; the rest are behind its list link.
    static let named = 10

    static func to(table: String, id: Int, on db: Database) async throws -> [Group] {
        let sql = db as! any SQLDatabase
        var groups: [Group] = []
        for declaration in Registers.all {
            for field in declaration.fields {
                guard let pointed = field.kind.target else { continue }
                if pointed.table == table {
                    let condition: SQLQueryString = field.kind.isMulti
                        ? "EXISTS (SELECT 1 FROM register_links l WHERE l.register = \(bind: declaration.key) AND l.field = \(bind: field.key) AND l.record_id = r.id AND l.target_id = \(bind: id))"
                        : "r.\(unsafeRaw: field.column) = \(bind: id)"
                    let path = field.filterable ? declaration.path + "?\(field.key)=\(id)" : nil
                    if let group = try await group(declaration, field, condition, throughMembers: false, listPath: path, on: sql) { groups.append(group) }
                } else if table == RegisterTarget.cluster.table, pointed.table == RegisterTarget.enterprise.table, !field.kind.isMulti {
                    let condition: SQLQueryString = "r.\(unsafeRaw: field.column) IN (\(ClusterMembership.enterpriseIDs(cluster: id)))"
                    let path = field.filterable ? declaration.path + "?\(field.memberClusterKey)=\(id)" : nil
                    if let group = try await group(declaration, field, condition, throughMembers: true, listPath: path, on: sql) { groups.append(group) }
                }
            }
        }
        return groups
    }

    private static func group(_ declaration: RegisterDeclaration, _ field: RegisterField, _ condition: SQLQueryString,
                              throughMembers: Bool, listPath: String?, on sql: any SQLDatabase) async throws -> Group? {
        let money = declaration.singleFields.filter(\.kind.isMoney)
        let sumColumns = money.enumerated().map { ", CAST(SUM(r.\($0.element.column)) AS BIGINT) AS s\($0.offset)" }.joined()
        guard let totals = try await sql.raw("""
            SELECT COUNT(*) AS n\(unsafeRaw: sumColumns) FROM \(unsafeRaw: declaration.table) r WHERE r.active = \(bind: true) AND \(condition)
            """).first() else { return nil }
        let count = try totals.decode(column: "n", as: Int.self)
        guard count > 0 else { return nil }
        let sums = try money.enumerated().map { index, field in
            (field: field, total: try totals.decodeNil(column: "s\(index)") ? 0 : totals.decode(column: "s\(index)", as: Int64.self))
        }
        let rows = try await sql.raw("""
            SELECT r.id, r.\(unsafeRaw: declaration.name.column) AS name FROM \(unsafeRaw: declaration.table) r
            WHERE r.active = \(bind: true) AND \(condition) ORDER BY r.name_sort, r.id LIMIT \(unsafeRaw: String(named))
            """).all()
        let first = try rows.map { (id: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self)) }
        return Group(declaration: declaration, field: field, throughMembers: throughMembers, count: count, sums: sums, first: first, listPath: listPath)
    }
}
