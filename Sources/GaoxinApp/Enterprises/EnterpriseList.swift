import GaoxinDomain
import SQLKit

/// What the enterprise list needs beyond its declared fields to hold at a province's million
/// enterprises: the twelve months' revenue to sort by (`enterprise_recent_revenue`, one row per
/// enterprise kept by triggers), filters by held qualification and by cluster, the total from the
/// `enterprise_counts` roll-up when the filters allow, and the facts each listed row shows.
enum EnterpriseList {
    @Sendable static func tune(_ list: inout ListDefinition) {
        list.from = "enterprises r JOIN enterprise_recent_revenue rr ON rr.enterprise_id = r.id"
        list.countFrom = "enterprises r"
        // Every declared sort reads the enterprise row alone, so a deep page walks its index.
        list.baseSorts = Set(list.sorts.keys)
        list.sorts["revenue"] = "rr.revenue"
        list.filters.insert(contentsOf: [
            ListFilter(key: "qualification", zh: "资质（有效）", en: "Qualification (held)", kind: .heldQualification(enterpriseIDColumn: "r.id")),
            ListFilter(key: "cluster", zh: "所属集群", en: "Cluster", kind: .clusterMember(enterpriseIDColumn: "r.id")),
        ], at: list.filters.count - 1)
        list.rollupTotal = rollupTotal
        list.nameOrderIndexes = ["r.unit_id", "r.industry_code"]
        // NOT NULL columns (M0009); the name's sort key is written with every enterprise.
        list.nonNullSorts.formUnion(["creditCode", "industryCode", "aboveScale"])
        // As an integer, so that its order has an index of its own (M0063) that no filter on the
        // flag would take for a lookup: an index led by the flag itself would be, where SQLite
        // has no statistics (half the table read for `above_scale = TRUE`).
        list.sorts["aboveScale"] = scaleOrder
    }

    /// 规上 after the others, as 1 after 0.
    static let scaleOrder = "CASE WHEN r.above_scale THEN 1 ELSE 0 END"

    /// The list's total from `enterprise_counts` when every filter is one the roll-up is kept by:
    /// unit subtree, scale, status, and an industry prefix of at most the division's two digits.
    @Sendable static func rollupTotal(_ query: ListQuery) -> SQLQueryString? {
        var sql: SQLQueryString = "SELECT CAST(COALESCE(SUM(n), 0) AS BIGINT) AS total FROM enterprise_counts WHERE 1 = 1"
        for (key, value) in query.filters {
            switch key {
            case "unitId": sql.appendInterpolation(SQLQueryString(" AND unit_id IN (\(ListFilter.subtreeUnitIDs(value)))"))
            case "aboveScale": sql.appendInterpolation(SQLQueryString(" AND above_scale = \(bind: value == "1")"))
            case "active": sql.appendInterpolation(SQLQueryString(" AND active = \(bind: value == "1")"))
            case "industryCode":
                // The roll-up keeps divisions: a section or a prefix of at most two digits.
                let range = ListFilter.codeRange(value)
                guard range.low.count <= 2, range.high.map({ $0.count <= 2 }) ?? true else { return nil }
                sql.appendInterpolation(SQLQueryString(" AND division >= \(bind: range.low)"))
                if let high = range.high { sql.appendInterpolation(SQLQueryString(" AND division < \(bind: high)")) }
            default: return nil
            }
        }
        return sql
    }

    static let facts = RegisterListFacts(facts: [
        .init(key: "recentRevenue", zh: "近12个月营收", en: "Revenue, last 12 months", kind: .money,
              descriptionZh: "最近 12 个月营业收入（万元），截至 revenueThrough", sort: "revenue", sql: { _ in "rr.revenue" }),
        .init(key: "revenueThrough", zh: "营收截至", en: "Revenue through", kind: .text,
              descriptionZh: "这 12 个月的最后一个月 YYYY-MM", listed: false, sql: { _ in "rr.through_period" }),
        .init(key: "clusterNames", zh: "所属集群", en: "Clusters", kind: .text, descriptionZh: "所属产业集群，以“、”分隔",
              sql: { memberships($0).clusters }),
        .init(key: "nodeNames", zh: "产业链环节", en: "Chain nodes", kind: .text, descriptionZh: "挂接的产业链环节，以“、”分隔",
              sql: { memberships($0).nodes }),
    ], join: "JOIN enterprise_recent_revenue rr ON rr.enterprise_id = r.id")

    /// The clusters and chain nodes of the enterprise `r`, as one text each: two index seeks per listed row.
    static func memberships(_ postgres: Bool) -> (clusters: String, nodes: String) {
        func joined(_ name: String, _ from: String, _ order: String) -> String {
            postgres ? "(SELECT string_agg(\(name), '、' ORDER BY \(order)) \(from))"
                     : "(SELECT group_concat(name, '、') FROM (SELECT \(name) AS name \(from) ORDER BY \(order)))"
        }
        return (joined("c.name", "FROM cluster_members m JOIN clusters c ON c.id = m.cluster_id WHERE m.enterprise_id = r.id AND c.active = TRUE", "c.sort_order, c.id"),
                joined("v.name", "FROM chain_node_enterprises ne JOIN chain_node_names v ON v.id = ne.node_id WHERE ne.enterprise_id = r.id AND v.active = TRUE", "v.name_sort, v.id"))
    }
}
