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

    /// The cluster's above-scale revenue per month, bottom-up (万元), of months `from`…`to`.
    static func revenue(cluster: Int, from: String, to: String, on sql: any SQLDatabase) async throws -> [String: Int64] {
        let rows = try await sql.raw("""
            SELECT period, revenue FROM cluster_figures
            WHERE cluster_id = \(bind: cluster) AND period >= \(bind: from) AND period <= \(bind: to) AND revenue_reports > 0
            """).all()
        return Dictionary(uniqueKeysWithValues: try rows.map { (try $0.decode(column: "period", as: String.self), try $0.decode(column: "revenue", as: Int64.self)) })
    }

    /// The latest month any member reported a revenue, or nil.
    static func latestPeriod(cluster: Int, on sql: any SQLDatabase) async throws -> String? {
        try await sql.raw("SELECT MAX(period) AS period FROM cluster_figures WHERE cluster_id = \(bind: cluster) AND revenue_reports > 0").first()?
            .decode(column: "period", as: String?.self)
    }
}
