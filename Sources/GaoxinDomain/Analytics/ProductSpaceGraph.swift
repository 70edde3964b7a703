/// The drawable "product space": the maximum spanning tree of the proximity matrix (so every
/// product is connected by its strongest links, as in Hidalgo et al. 2007) plus the strongest
/// remaining edges above a threshold. Pure and deterministic.
public struct ProductSpaceGraph: Equatable, Sendable {
    public struct Edge: Equatable, Sendable {
        public let a: Int
        public let b: Int
        public let weight: Double
    }

    public let nodeCount: Int
    public let edges: [Edge]

    /// - Parameters:
    ///   - proximity: symmetric n×n proximity, row-major.
    ///   - extraThreshold: edges outside the tree are kept when their proximity is at least this.
    ///   - maxExtraEdges: cap on the extra edges, strongest first, so the drawing stays legible.
    public init(proximity: [Double], count n: Int, extraThreshold: Double = 0.55, maxExtraEdges: Int = 400) {
        precondition(proximity.count == n * n, "proximity must be n×n")
        nodeCount = n
        var candidates: [Edge] = []
        candidates.reserveCapacity(n * (n - 1) / 2)
        for a in 0..<n {
            for b in (a + 1)..<max(a + 1, n) {
                let weight = proximity[a * n + b]
                if weight.isFinite, weight > 0 { candidates.append(Edge(a: a, b: b, weight: weight)) }
            }
        }
        // Strongest first; ties by index so the result never depends on sort stability.
        candidates.sort { ($0.weight, -$0.a, -$0.b) > ($1.weight, -$1.a, -$1.b) }
        var parent = Array(0..<n)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        var tree: [Edge] = []
        var extra: [Edge] = []
        for edge in candidates {
            let ra = root(edge.a), rb = root(edge.b)
            if ra != rb {
                parent[ra] = rb
                tree.append(edge)
            } else if edge.weight >= extraThreshold, extra.count < maxExtraEdges {
                extra.append(edge)
            }
        }
        edges = tree + extra
    }
}
