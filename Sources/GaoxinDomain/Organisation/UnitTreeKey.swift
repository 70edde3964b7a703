/// A sortable key that lists the unit tree in display order: each level contributes a fixed-width
/// segment of (sort order, id), so ordering by the key is a depth-first walk with siblings by
/// their sort order — what `ORDER BY path` cannot give (it compares ids as text: 10 before 9).
public enum UnitTreeKey {
    public static let segmentLength = 19
    static let sortOrderOffset = 1_000_000

    /// Sort orders are clamped to ±1,000,000 (the form's range) so every segment has the same width.
    public static func segment(sortOrder: Int, id: Int) -> String {
        let order = min(max(sortOrder, -sortOrderOffset), sortOrderOffset) + sortOrderOffset
        return pad(order, 7) + pad(id, 12)
    }

    public static func key(parentKey: String?, sortOrder: Int, id: Int) -> String {
        (parentKey ?? "") + segment(sortOrder: sortOrder, id: id)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
