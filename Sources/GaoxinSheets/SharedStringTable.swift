/// The workbook's shared strings: each distinct text stored once and referenced by index,
/// which is what Excel itself writes and what every reader supports best.
struct SharedStringTable {
    private(set) var strings: [String] = []
    private var indexes: [String: Int] = [:]
    /// References made, for the `count` attribute (`uniqueCount` is `strings.count`).
    private(set) var referenceCount = 0

    mutating func index(of text: String) -> Int {
        referenceCount += 1
        if let index = indexes[text] { return index }
        let index = strings.count
        strings.append(text)
        indexes[text] = index
        return index
    }
}
