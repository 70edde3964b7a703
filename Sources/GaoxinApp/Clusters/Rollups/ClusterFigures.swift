import GaoxinDomain
import SQLKit

/// A cluster's monthly figures summed bottom-up from its enterprises (SPEC §2.3): the members are
/// `cluster_members` — each enterprise attached to a node of one of the cluster's active chains,
/// once however many nodes it is on (`ClusterMembership`) — and `cluster_figures` sums, per
/// cluster and month, the figures of the members that are above scale (规上) and active. Both are
/// kept by triggers (`M0028_CreateClusterFigures`) on attachments, chains, figures and
/// enterprises, so a corrected month, an attachment or an enterprise leaving 规上 is in the
/// cluster's figures when its write commits; pages read a few hundred rows, never the raw figures.
enum ClusterFigures {
    static let membersTable = "cluster_members"
    static let table = "cluster_figures"

    /// Makes both tables again from the attachments and the figures (`gaoxin recompute`, a
    /// restore): the members are emptied and inserted again, and their triggers sum the figures.
    static func rebuild(on sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM cluster_members").run()
        try await sql.raw("DELETE FROM cluster_figures").run()
        try await sql.raw("""
            INSERT INTO cluster_members (cluster_id, enterprise_id)
            SELECT DISTINCT c.cluster_id, ne.enterprise_id FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id
            JOIN chains c ON c.id = n.chain_id WHERE c.active = \(bind: true)
            """).run()
    }

    /// Revenue per month (万元) of clusters, both paths, months `from`…`to`: one read of the
    /// roll-up and one of the reported months, whatever the number of clusters.
    struct Series: Sendable {
        var bottomUp: [String: Int64] = [:]
        var topDown: [String: Int64] = [:]
    }

    static func series(clusters: [Int], from: String, to: String, on sql: any SQLDatabase) async throws -> [Int: Series] {
        guard !clusters.isEmpty else { return [:] }
        var result: [Int: Series] = [:]
        let summed = try await sql.raw("""
            SELECT cluster_id, period, revenue FROM cluster_figures
            WHERE cluster_id IN (\(binds: clusters)) AND period >= \(bind: from) AND period <= \(bind: to) AND revenue_reports > 0
            """).all()
        for row in summed {
            result[try row.decode(column: "cluster_id", as: Int.self), default: Series()].bottomUp[try row.decode(column: "period", as: String.self)] =
                try row.decode(column: "revenue", as: Int64.self)
        }
        let reported = try await sql.raw("""
            SELECT cluster_id, period, revenue FROM cluster_reported_figures
            WHERE cluster_id IN (\(binds: clusters)) AND period >= \(bind: from) AND period <= \(bind: to)
            """).all()
        for row in reported {
            result[try row.decode(column: "cluster_id", as: Int.self), default: Series()].topDown[try row.decode(column: "period", as: String.self)] =
                try row.decode(column: "revenue", as: Int64.self)
        }
        return result
    }

    /// The latest month with a revenue on each cluster's own path.
    static func latestPeriods(_ clusters: [(id: Int, source: ClusterFiguresSource)], on sql: any SQLDatabase) async throws -> [Int: String] {
        let bottomUp = clusters.filter { $0.source == .bottomUp }.map(\.id), topDown = clusters.filter { $0.source == .topDown }.map(\.id)
        var latest: [Int: String] = [:]
        if !bottomUp.isEmpty {
            for row in try await sql.raw("SELECT cluster_id, MAX(period) AS period FROM cluster_figures WHERE cluster_id IN (\(binds: bottomUp)) AND revenue_reports > 0 GROUP BY cluster_id").all() {
                latest[try row.decode(column: "cluster_id", as: Int.self)] = try row.decode(column: "period", as: String.self)
            }
        }
        if !topDown.isEmpty {
            for row in try await sql.raw("SELECT cluster_id, MAX(period) AS period FROM cluster_reported_figures WHERE cluster_id IN (\(binds: topDown)) GROUP BY cluster_id").all() {
                latest[try row.decode(column: "cluster_id", as: Int.self)] = try row.decode(column: "period", as: String.self)
            }
        }
        return latest
    }
}
