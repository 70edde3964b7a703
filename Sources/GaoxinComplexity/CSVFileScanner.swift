import Glibc

/// A byte-level CSV reader for the small fixed formats of the complexity command
/// (`year,loc,prod,val`, `year,loc,pop`, `prod_1,prod_2,proximity`).
///
/// Why hand-written: the benchmark input has nine million rows and must be read in well under
/// a second; general CSV in Gaoxin (uploads, exports) goes through CSV.swift in GaoxinSheets,
/// whose generality this fixed format does not need. It still follows RFC 4180 where it
/// matters here: an optional UTF-8 BOM, LF or CRLF line ends, double-quoted fields with `""`
/// escapes and line breaks inside quotes; blank lines are skipped, as pandas does.
struct CSVFileScanner {
    let path: String
    var chunkSize = 8 << 20

    init(path: String) { self.path = path }

    /// Calls `body` for every non-blank record, header included, with the line it starts on.
    func scan(_ body: (CSVRecord) throws -> Void) throws {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw ComplexityInputError.cannotRead(path: path, reason: Self.lastError()) }
        defer { close(fd) }
        var state = ScanState(capacity: chunkSize)
        defer { state.release() }
        var filled = 0, atFileStart = true, atEnd = false
        while true {
            while filled < state.capacity && !atEnd {
                let got = read(fd, state.buffer + filled, state.capacity - filled)
                if got < 0 { throw ComplexityInputError.cannotRead(path: path, reason: Self.lastError()) }
                if got == 0 { atEnd = true } else { filled += got }
            }
            var start = 0
            if atFileStart {
                atFileStart = false
                if filled >= 3 && state.buffer[0] == 0xEF && state.buffer[1] == 0xBB && state.buffer[2] == 0xBF { start = 3 }
            }
            let consumed = try state.scanRecords(from: start, to: filled, final: atEnd, body)
            if atEnd { return }
            let leftover = filled - consumed
            if leftover == state.capacity {
                state.grow()  // one record longer than the whole buffer
            } else if leftover > 0 {
                memmove(state.buffer, state.buffer + consumed, leftover)
            }
            filled = leftover
        }
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// The fields of one record; valid only during the callback that receives it.
struct CSVRecord {
    let line: Int
    let fieldCount: Int
    let spans: UnsafeMutablePointer<(UnsafePointer<UInt8>, Int)>

    static let maxFields = 64

    /// Field `index` (< min(fieldCount, maxFields)), unquoted and unescaped.
    subscript(index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: spans[index].0, count: spans[index].1)
    }

    func string(_ index: Int) -> String {
        String(decoding: self[index], as: UTF8.self)
    }
}

/// The buffers of a streaming scan.
private struct ScanState {
    var buffer: UnsafeMutablePointer<UInt8>
    var capacity: Int
    var splitter: CSVRecordSplitter

    init(capacity: Int) {
        self.capacity = capacity
        buffer = .allocate(capacity: capacity)
        splitter = CSVRecordSplitter(scratchCapacity: capacity, firstLine: 1)
    }

    mutating func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: buffer, count: capacity)
        buffer.deallocate()
        buffer = bigger
        capacity *= 2
        splitter.growScratch(to: capacity)
    }

    func release() {
        buffer.deallocate()
        splitter.release()
    }

    mutating func scanRecords(from start: Int, to end: Int, final: Bool, _ body: (CSVRecord) throws -> Void) throws -> Int {
        try splitter.split(buffer, from: start, to: end, final: final, body)
    }
}
