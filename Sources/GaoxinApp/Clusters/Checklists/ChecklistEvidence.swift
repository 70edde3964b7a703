import Fluent
import GaoxinDomain
import SQLKit

/// The records that fulfil checklist items, per source and cluster: one grouped read per source
/// for any number of clusters (the gaps view reads every cluster at once).
enum ChecklistEvidence {
    struct Record: Sendable, Equatable {
        let name: String
        let path: String
    }

    /// Where a record source's records are: a declared register, the field that points at clusters, and an extra condition.
    static func register(for source: ChecklistSource) -> (declaration: RegisterDeclaration, field: String, condition: String?)? {
        switch source {
        case .plan: return (.policies, "clusterIds", "r.kind = 'plan'")
        case .policy: return (.policies, "clusterIds", "(r.kind IS NULL OR r.kind <> 'plan')")
        case .fund: return (.funds, "clusterIds", nil)
        case .platform: return (.platforms, "clusterIds", nil)
        case .promotionOrganisation: return (.promotionOrganisations, "clusterIds", nil)
        case .advisor: return (.advisors, "clusterIds", nil)
        case .brandEvent: return (.events, "clusterId", nil)
        case .talent: return (.talents, "clusterId", nil)
        case .park: return (.parks, "clusterIds", nil)
        default: return nil
        }
    }

    /// The records of `sources` for `clusters`, by source and cluster, in name order.
    static func load(_ sources: Set<ChecklistSource>, clusters: [Int], on sql: any SQLDatabase) async throws -> [ChecklistSource: [Int: [Record]]] {
        guard !clusters.isEmpty else { return [:] }
        var result: [ChecklistSource: [Int: [Record]]] = [:]
        for source in sources {
            var byCluster: [Int: [Record]] = [:]
            if let (declaration, key, condition) = register(for: source), let field = declaration.field(key) {
                let extra = condition.map { " AND \($0)" } ?? ""
                let rows = field.kind.isMulti
                    ? try await sql.raw("""
                        SELECT l.target_id AS cluster_id, r.id, r.\(unsafeRaw: declaration.name.column) AS name FROM register_links l
                        JOIN \(unsafeRaw: declaration.table) r ON r.id = l.record_id
                        WHERE l.register = \(bind: declaration.key) AND l.field = \(bind: key) AND l.target_id IN (\(binds: clusters))
                        AND r.active = \(bind: true)\(unsafeRaw: extra) ORDER BY r.name_sort, r.id
                        """).all()
                    : try await sql.raw("""
                        SELECT r.\(unsafeRaw: field.column) AS cluster_id, r.id, r.\(unsafeRaw: declaration.name.column) AS name FROM \(unsafeRaw: declaration.table) r
                        WHERE r.\(unsafeRaw: field.column) IN (\(binds: clusters)) AND r.active = \(bind: true)\(unsafeRaw: extra) ORDER BY r.name_sort, r.id
                        """).all()
                for row in rows {
                    byCluster[try row.decode(column: "cluster_id", as: Int.self), default: []]
                        .append(Record(name: try row.decode(column: "name", as: String.self), path: declaration.path(try row.decode(column: "id", as: Int.self))))
                }
            } else if source == .chainLeader {
                let rows = try await sql.raw("""
                    SELECT m.cluster_id, e.id, e.name FROM cluster_members m JOIN enterprises e ON e.id = m.enterprise_id
                    WHERE m.cluster_id IN (\(binds: clusters)) AND e.tier = \(bind: EnterpriseTier.chainLeader.rawValue) AND e.active = \(bind: true)
                    ORDER BY e.name_sort, e.id
                    """).all()
                for row in rows {
                    byCluster[try row.decode(column: "cluster_id", as: Int.self), default: []]
                        .append(Record(name: try row.decode(column: "name", as: String.self), path: Site.enterprise(try row.decode(column: "id", as: Int.self))))
                }
            } else if source == .taskForce {
                // The lead department itself, when it is a task force.
                let rows = try await sql.raw("""
                    SELECT c.id AS cluster_id, u.id, u.name FROM clusters c JOIN units u ON u.id = c.lead_unit_id
                    WHERE c.id IN (\(binds: clusters)) AND u.kind = \(bind: UnitKind.taskForce.rawValue) AND u.active = \(bind: true)
                    """).all()
                for row in rows {
                    byCluster[try row.decode(column: "cluster_id", as: Int.self), default: []]
                        .append(Record(name: try row.decode(column: "name", as: String.self), path: Site.unit(try row.decode(column: "id", as: Int.self))))
                }
            }
            result[source] = byCluster
        }
        return result
    }
}
