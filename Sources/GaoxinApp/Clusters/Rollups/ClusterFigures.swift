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
    /// restore). The members are brought in line with the attachments by their difference, so
    /// their row triggers fire only for members that were wrong; then the figures are summed in one
    /// statement. (Emptying and refilling the members ran a trigger per member twice: 98 s on
    /// PostgreSQL for 78,000 members at province scale.)
    static func rebuild(on sql: any SQLDatabase) async throws {
        let attached = """
            SELECT DISTINCT c.cluster_id, ne.enterprise_id FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id
            JOIN chains c ON c.id = n.chain_id WHERE c.active = TRUE
            """
        try await sql.raw("""
            DELETE FROM cluster_members WHERE NOT EXISTS (SELECT 1 FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id
            JOIN chains c ON c.id = n.chain_id WHERE c.active = TRUE AND c.cluster_id = cluster_members.cluster_id AND ne.enterprise_id = cluster_members.enterprise_id)
            """).run()
        try await sql.raw("""
            INSERT INTO cluster_members (cluster_id, enterprise_id) SELECT a.cluster_id, a.enterprise_id FROM (\(unsafeRaw: attached)) a
            WHERE NOT EXISTS (SELECT 1 FROM cluster_members m WHERE m.cluster_id = a.cluster_id AND m.enterprise_id = a.enterprise_id)
            """).run()
        try await sql.raw("DELETE FROM cluster_figures").run()
        let sums = MonthlyFigures.figures.map { "COALESCE(SUM(i.\($0)), 0)" }.joined(separator: ", ")
        try await sql.raw("""
            INSERT INTO cluster_figures (cluster_id, period, reports, revenue_reports, \(unsafeRaw: MonthlyFigures.figures.joined(separator: ", ")))
            SELECT m.cluster_id, i.period, COUNT(*), COUNT(i.revenue), \(unsafeRaw: sums)
            FROM enterprise_indicators i JOIN cluster_members m ON m.enterprise_id = i.enterprise_id JOIN enterprises e ON e.id = i.enterprise_id
            WHERE e.above_scale = TRUE AND e.active = TRUE GROUP BY m.cluster_id, i.period
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
