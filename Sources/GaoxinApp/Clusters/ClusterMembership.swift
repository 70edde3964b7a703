import SQLKit

/// Which enterprises count in a cluster: those attached to a node of one of its active chains,
/// each once — the `cluster_members` roll-up (`ClusterFigures`), kept by triggers. The one
/// definition every sum "per cluster" uses (awards, the cluster figures).
enum ClusterMembership {
    /// `SELECT enterprise_id …` of the cluster's members, for `IN (…)`.
    static func enterpriseIDs(cluster: Int) -> SQLQueryString {
        "SELECT enterprise_id FROM cluster_members WHERE cluster_id = \(bind: cluster)"
    }
}
