import Fluent
import Foundation
import GaoxinDomain

/// The missing (缺失) and weak (薄弱) nodes of every active chain of an active cluster. The
/// dashboard's tile counts them and the gaps page lists them, both from `load`, so the two
/// cannot disagree.
///
/// Why not a `ListDefinition` run by `ListRunner`: a node's strength is never stored; it is
/// derived on each read by `ClusterQueries.map` from the attached enterprises, their twelve
/// months of revenue and tiers under the chain's `NodeStrengthRule`. Filtering or counting by
/// strength in SQL would mean writing that rule a second time, in SQL, on two engines. The set is
/// bounded instead — the nodes of the zone's active chains (tens of chains, hundreds of nodes), the
/// same maps the dashboard derives — so `load` derives each map once and the rows are searched,
/// filtered, sorted and paged in memory. The list keeps the one list's surface: `parameters`
/// declares its `q/page/per/sort` and filters for `ListQuery.parse` (its SQL is never run), and
/// the page and the export are `ListView` and `ListExport` like every other list.
enum ChainGaps {
    /// The strengths this list holds, in the order it shows them.
    static let strengths: [NodeStrength] = [.missing, .weak]

    static let parameters = ListDefinition(
        from: "", select: [], searchColumns: [],
        filters: [
            ListFilter(key: "strength", zh: "强弱", en: "Strength",
                       kind: .choice(column: "strength", options: strengths.map { ($0.rawValue, $0.nameZh, $0.nameEn) })),
            ListFilter(key: "cluster", zh: "产业集群", en: "Cluster", kind: .id(column: "cluster_id")),
            ListFilter(key: "segment", zh: "位置", en: "Segment",
                       kind: .choice(column: "segment", options: ChainSegment.allCases.map { ($0.rawValue, $0.nameZh, $0.nameEn) })),
        ],
        sorts: ["order": "map order", "strength": "strength", "cluster": "cluster name", "chain": "chain name", "segment": "segment", "node": "node name"],
        defaultSort: "order", defaultDescending: false, tieBreaker: "map order"
    )

    /// Every gap in map order: clusters by their sort order, chains by name, nodes as on the map.
    static func load(now: Date, on db: Database) async throws -> [ChainGapDTO] {
        let clusters = try await Cluster.query(on: db).filter(\.$active == true).sort(\.$sortOrder).sort(\.$id).all()
        guard !clusters.isEmpty else { return [] }
        let chains = try await Chain.query(on: db).filter(\.$active == true).filter(\.$clusterID ~~ clusters.compactMap(\.id))
            .sort(\.$name).sort(\.$id).all()
        let chainsByCluster = Dictionary(grouping: chains, by: \.clusterID)
        let ordered = clusters.flatMap { cluster in (chainsByCluster[cluster.id!] ?? []).map { (cluster, $0) } }
        let maps = try await ClusterQueries.maps(ordered.map(\.1), now: now, members: .counted, on: db)
        var gaps: [ChainGapDTO] = []
        for ((cluster, chain), map) in zip(ordered, maps) {
            gaps += map.nodes.filter { $0.strength != NodeStrength.strong.rawValue }.map { ChainGapDTO(cluster: cluster, chain: chain, node: $0) }
        }
        return gaps
    }

    struct Counts: Equatable, Codable, Sendable {
        var missing: Int
        var weak: Int
    }

    static func counts(_ gaps: [ChainGapDTO]) -> Counts {
        Counts(missing: gaps.filter { $0.strength == NodeStrength.missing.rawValue }.count,
               weak: gaps.filter { $0.strength == NodeStrength.weak.rawValue }.count)
    }

    /// The gaps the query's search and filters keep, in its order (map order breaks ties).
    static func select(_ gaps: [ChainGapDTO], _ query: ListQuery) -> [ChainGapDTO] {
        let needle = query.search?.lowercased()
        let kept = gaps.enumerated().filter { _, gap in
            if let needle, ![gap.name, gap.chainName, gap.clusterName].contains(where: { $0.lowercased().contains(needle) }) { return false }
            if let strength = query.filters["strength"], gap.strength != strength { return false }
            if let cluster = query.filters["cluster"], "\(gap.clusterId)" != cluster { return false }
            if let segment = query.filters["segment"], gap.segment != segment { return false }
            return true
        }
        let ascending: (Int, ChainGapDTO, Int, ChainGapDTO) -> Bool? = { i, a, j, b in
            switch query.sortKey {
            case "strength": return rank(a.strength) == rank(b.strength) ? nil : rank(a.strength) < rank(b.strength)
            case "cluster": return a.clusterName == b.clusterName ? nil : a.clusterName < b.clusterName
            case "chain": return a.chainName == b.chainName ? nil : a.chainName < b.chainName
            case "segment": return position(a.segment) == position(b.segment) ? nil : position(a.segment) < position(b.segment)
            case "node": return a.name == b.name ? nil : a.name < b.name
            default: return i == j ? nil : i < j
            }
        }
        return kept.sorted { x, y in
            guard let before = ascending(x.offset, x.element, y.offset, y.element) else { return x.offset < y.offset }
            return query.descending ? !before : before
        }.map(\.element)
    }

    /// One page of the selected gaps.
    static func page(_ gaps: [ChainGapDTO], _ query: ListQuery) -> ListPage<ChainGapDTO> {
        let selected = select(gaps, query)
        let items = Array(selected.dropFirst((query.page - 1) * query.per).prefix(query.per))
        return ListPage(items: items, total: selected.count, page: query.page, per: query.per)
    }

    private static func rank(_ strength: String) -> Int {
        strengths.firstIndex { $0.rawValue == strength } ?? strengths.count
    }

    private static func position(_ segment: String) -> Int {
        ChainSegment.allCases.firstIndex { $0.rawValue == segment } ?? ChainSegment.allCases.count
    }
}
