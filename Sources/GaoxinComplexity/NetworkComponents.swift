/// Connected parts of the location–product network (a location and a product are linked where
/// M ≠ 0). When it falls into several parts, the eigenvalue 1 of M̃ is repeated, one
/// eigenvector per part, and "the eigenvector of the second-largest eigenvalue" is not unique.
struct NetworkComponents {
    /// The part of each location and each product (0-based, numbered in order of first location).
    let locationPart: [Int]
    let productPart: [Int]
    let count: Int

    init(_ m: DenseMatrix) {
        var parent = Array(0..<(m.rows + m.columns))
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        m.storage.withUnsafeBufferPointer { cells in
            for c in 0..<m.rows {
                for p in 0..<m.columns where cells[c * m.columns + p] != 0 {
                    let a = root(c), b = root(m.rows + p)
                    if a != b { parent[max(a, b)] = min(a, b) }
                }
            }
        }
        var number: [Int: Int] = [:]
        var parts = [Int](repeating: 0, count: m.rows + m.columns)
        for node in parts.indices {
            let r = root(node)
            if number[r] == nil { number[r] = number.count }
            parts[node] = number[r]!
        }
        locationPart = Array(parts[..<m.rows])
        productPart = Array(parts[m.rows...])
        count = number.count
    }

    /// The part with the most locations and products (the first such part on a tie).
    var largest: Int {
        var sizes = [Int](repeating: 0, count: count)
        for part in locationPart + productPart { sizes[part] += 1 }
        return sizes.indices.max { sizes[$0] < sizes[$1] || (sizes[$0] == sizes[$1] && $0 > $1) }!
    }
}
