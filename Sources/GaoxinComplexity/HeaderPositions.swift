/// Where each expected column sits in a CSV header.
struct HeaderPositions {
    let fieldCount: Int
    private let positions: [Int]

    /// `expected[i]` lists the accepted names of column i (compared trimmed, case-insensitive);
    /// the first name is the one shown in messages. Other columns are ignored.
    init(_ header: CSVRecord, expected: [[String]]) throws {
        let count = min(header.fieldCount, CSVRecord.maxFields)
        let names = (0..<count).map { header.string($0).trimmingSpaces().lowercased() }
        var positions: [Int] = []
        for accepted in expected {
            let matches = names.indices.filter { accepted.contains(names[$0]) }
            guard matches.count == 1 else {
                throw ComplexityInputError.badHeader(found: names.joined(separator: ","), expected: expected.map { $0[0] })
            }
            positions.append(matches[0])
        }
        self.fieldCount = header.fieldCount
        self.positions = positions
    }

    subscript(column: Int) -> Int { positions[column] }
}

extension String {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return String(text)
    }
}
