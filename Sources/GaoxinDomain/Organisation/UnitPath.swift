/// A unit's materialised path, `/1/5/12/`: the ids from the root to the unit itself.
/// Subtree tests and queries become prefix tests (`path LIKE '/1/5/%'`), and a move is one
/// prefix rewrite; the tree stays a single indexed column.
public struct UnitPath: Equatable, Hashable, Sendable, CustomStringConvertible {
    public let ids: [Int]

    public init(ids: [Int]) { self.ids = ids }

    public init?(_ text: String) {
        guard text.count >= 3, text.hasPrefix("/"), text.hasSuffix("/") else { return nil }
        // Canonical form only: positive ids in plain digits, no empty segment (`/1//5/`, `/01/`,
        // `/+1/` would not match the `LIKE '/1/5/%'` subtree queries the path exists for).
        var ids: [Int] = []
        for part in text.dropFirst().dropLast().split(separator: "/", omittingEmptySubsequences: false) {
            guard let first = part.first, first != "0", part.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let id = Int(part) else { return nil }
            ids.append(id)
        }
        self.ids = ids
    }

    public var description: String { "/" + ids.map(String.init).joined(separator: "/") + "/" }

    public func child(_ id: Int) -> UnitPath { UnitPath(ids: ids + [id]) }

    public var depth: Int { ids.count - 1 }

    /// True when `other` is this unit or one of its descendants.
    public func contains(_ other: UnitPath) -> Bool {
        other.ids.count >= ids.count && Array(other.ids.prefix(ids.count)) == ids
    }

    /// Moving `self` under `newParent` is refused when the new parent is the unit itself or inside it.
    public func canMove(under newParent: UnitPath) -> Bool {
        !contains(newParent)
    }

    /// The path of a descendant after its ancestor `from` moved to `to`.
    public func rebased(from: UnitPath, to: UnitPath) -> UnitPath? {
        guard from.contains(self) else { return nil }
        return UnitPath(ids: to.ids + ids.dropFirst(from.ids.count))
    }
}
