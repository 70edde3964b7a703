import SQLKit

/// Which enterprises count in a cluster: those attached to a node of one of its active chains.
/// The one definition every sum "per cluster" uses (awards, and the cluster figures that come
/// later); as a set it counts an enterprise attached to several nodes once.
enum ClusterMembership {
    /// `SELECT enterprise_id …` of the cluster's members, for `IN (…)`.
    static func enterpriseIDs(cluster: Int) -> SQLQueryString {
        """
        SELECT ne.enterprise_id FROM chain_node_enterprises ne JOIN chain_nodes n ON n.id = ne.node_id
        JOIN chains c ON c.id = n.chain_id WHERE c.cluster_id = \(bind: cluster) AND c.active = \(bind: true)
        """
    }
}
