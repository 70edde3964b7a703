import Dispatch
import Glibc

/// Parses a large `year,loc,prod,val` file on all cores: the file is read whole, cut into one
/// range of whole lines per core, each range parsed into its own `ObservationRows`, and the
/// parts merged in order. Returns nil when the file is not suited (it has quotes, or does not
/// start with its header), so the caller streams it instead.
struct ParallelObservationReader {
    let path: String
    let size: Int
    let workers: Int

    func read(policy: InputPolicy) throws -> ObservationRows? {
        let buffer = try map()
        defer { munmap(buffer, size) }
        guard memchr(buffer, Int32(UInt8(ascii: "\"")), size) == nil else { return nil }
        var start = 0
        if size >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
        guard let headerEnd = memchr(buffer + start, 0x0A, size - start).map({ $0.assumingMemoryBound(to: UInt8.self) - buffer }),
              headerEnd > start else { return nil }
        var header: HeaderPositions?
        var splitter = CSVRecordSplitter(scratchCapacity: 1, firstLine: 1)
        defer { splitter.release() }
        _ = try splitter.split(buffer, from: start, to: headerEnd + 1, final: true) { record in
            header = try HeaderPositions(record, expected: ObservationCSVReader.columns.map { [$0] })
        }
        guard let columns = header else { return nil }

        let ranges = lineRanges(buffer, from: headerEnd + 1)
        // The line each range starts on: 2 plus the line breaks before it.
        var breaks = [Int](repeating: 0, count: ranges.count)
        breaks.withUnsafeMutableBufferPointer { counts in
            let counts = counts
            DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
                counts[k] = Self.countLineBreaks(buffer + ranges[k].lowerBound, ranges[k].count)
            }
        }
        var parts = [Result<ObservationRows, Error>](repeating: .success(ObservationRows()), count: ranges.count)
        parts.withUnsafeMutableBufferPointer { results in
            let results = results
            DispatchQueue.concurrentPerform(iterations: ranges.count) { k in
                let firstLine = 2 + breaks[..<k].reduce(0, +)
                results[k] = Result {
                    var rows = ObservationRows()
                    rows.reserve(ranges[k].count / 20)
                    var splitter = CSVRecordSplitter(scratchCapacity: 1, firstLine: firstLine)
                    defer { splitter.release() }
                    _ = try splitter.split(buffer, from: ranges[k].lowerBound, to: ranges[k].upperBound, final: true) { record in
                        try ObservationCSVReader.append(record, columns, to: &rows, policy: policy)
                    }
                    return rows
                }
            }
        }
        // The first failing range holds the earliest bad line.
        var merged = try parts[0].get()
        for part in parts.dropFirst() { merged.absorb(try part.get()) }
        return merged
    }

    /// The file mapped read-only and pre-faulted: no copy of it is made.
    private func map() throws -> UnsafeMutablePointer<UInt8> {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ComplexityInputError.cannotRead(path: path, reason: CSVFileScanner.lastError()) }
        defer { close(fd) }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), mapped != MAP_FAILED else {
            throw ComplexityInputError.cannotRead(path: path, reason: CSVFileScanner.lastError())
        }
        return mapped.assumingMemoryBound(to: UInt8.self)
    }

    /// `workers` ranges of whole lines covering `from..<size`.
    private func lineRanges(_ buffer: UnsafeMutablePointer<UInt8>, from start: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var lower = start
        for k in 1...workers {
            var upper = k == workers ? size : max(lower, start + (size - start) * k / workers)
            if upper < size, let newline = memchr(buffer + upper, 0x0A, size - upper) {
                upper = newline.assumingMemoryBound(to: UInt8.self) - buffer + 1
            } else {
                upper = size
            }
            if upper > lower { ranges.append(lower..<upper) }
            lower = upper
        }
        return ranges.isEmpty ? [start..<size] : ranges
    }

    private static func countLineBreaks(_ start: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        var breaks = 0
        var cursor = start
        let end = start + count
        while cursor < end, let found = memchr(cursor, 0x0A, end - cursor) {
            breaks += 1
            cursor = found.assumingMemoryBound(to: UInt8.self) + 1
        }
        return breaks
    }
}
