import CSV
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV file read a slice of rows at a time, for imports longer than memory should hold (a
/// province's 36,000,000 monthly rows): the same reading as `CSVFormat.read` — UTF-8 with or
/// without BOM, or GB18030; RFC 4180 quoting; blank lines counted in the row numbers but not
/// returned — with never much more than `sliceBytes` of the file in memory, and no row limit.
///
/// A slice ends after a record's line break outside quotes, so it never cuts a record, a quoted
/// line break or a character: in UTF-8 and GB18030 the bytes `\n`, `\r`, `"` and `,` only
/// stand for themselves. UTF-16 files (rare, and never large in practice) are `CSVFormat`'s.
/// One task reads it at a time (an import's), hence unchecked.
public final class CSVSliceReader: @unchecked Sendable {
    public struct Row: Sendable, Equatable {
        /// 1-based, as `CSVFormat.read` numbers rows (a blank line is a row; a quoted line break is not).
        public let number: Int
        public let cells: [SheetCell]
    }

    private enum Source {
        case file(Int32)
        case data(Data)
    }

    private enum Encoding {
        /// Only ASCII so far, which both encodings read the same way.
        case undecided, utf8, gb18030
    }

    private let source: Source
    private let sliceBytes: Int
    private let limits: SheetLimits
    private var buffer: [UInt8] = []
    private var atEnd = false
    private var atStart = true
    private var encoding = Encoding.undecided
    private var rowsBefore = 0
    private var linesBefore = 0
    private var dataOffset = 0
    /// Bytes of the file taken so far, for progress.
    public private(set) var bytesRead = 0
    /// The file's size, when known.
    public let totalBytes: Int
    /// Sees every byte of the file once, in order, as it is read (a checksum of the file).
    public var observe: ((ArraySlice<UInt8>) -> Void)?

    /// A record may not be longer than this (the whole of an Excel row of 1000 full cells).
    static let maxRecordBytes = 64 << 20

    public init(path: String, sliceBytes: Int = 4 << 20, limits: SheetLimits = .default) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw SheetError.malformed("cannot open \(path): \(String(cString: strerror(errno)))") }
        var status = stat()
        totalBytes = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        source = .file(descriptor)
        self.sliceBytes = max(sliceBytes, 1)
        self.limits = limits
    }

    public init(data: Data, sliceBytes: Int = 4 << 20, limits: SheetLimits = .default) {
        source = .data(data)
        totalBytes = data.count
        self.sliceBytes = max(sliceBytes, 1)
        self.limits = limits
    }

    deinit {
        if case .file(let descriptor) = source { close(descriptor) }
    }

    /// Whether `bytes` (a file's first bytes) begin a text this reader takes: not UTF-16 and not
    /// an OLE2 (.xls) file.
    public static func reads(start bytes: Data) -> Bool {
        let head = [UInt8](bytes.prefix(2))
        return !(head == [0xFF, 0xFE] || head == [0xFE, 0xFF]) && FileSignature(bytes) == .other
    }

    /// The next rows with content, in file order; nil when the file is done. An empty array is
    /// possible (a slice of blank lines).
    public func next() throws -> [Row]? {
        if atEnd && buffer.isEmpty { return nil }
        var cut: Int?
        while true {
            try fill(to: buffer.count + sliceBytes)
            if atStart {
                try fill(to: 8)  // enough to see a byte order mark or an .xls signature
                try checkStart()
                atStart = false
            }
            cut = try lastRecordEnd()
            if cut != nil || atEnd { break }
            guard buffer.count < Self.maxRecordBytes else { throw SheetError.malformed("CSV: a record longer than \(Self.maxRecordBytes) bytes") }
        }
        let end = cut ?? buffer.count
        let slice = buffer[0..<end]
        let text = try decode(slice)
        linesBefore += slice.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        buffer.removeSubrange(0..<end)
        return try rows(text)
    }

    private func fill(to wanted: Int) throws {
        while buffer.count < wanted && !atEnd {
            let want = wanted - buffer.count
            switch source {
            case .file(let descriptor):
                var chunk = [UInt8](repeating: 0, count: want)
                let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, want) }
                if got < 0 { throw SheetError.malformed("read: \(String(cString: strerror(errno)))") }
                if got == 0 { atEnd = true } else {
                    observe?(chunk[0..<got])
                    buffer.append(contentsOf: chunk[0..<got])
                    bytesRead += got
                }
            case .data(let data):
                let start = data.startIndex + dataOffset
                let end = min(start + want, data.endIndex)
                if start >= end { atEnd = true } else {
                    let bytes = [UInt8](data[start..<end])
                    observe?(bytes[...])
                    buffer.append(contentsOf: bytes)
                    dataOffset += end - start
                    bytesRead += end - start
                }
            }
        }
    }

    /// The file's opening: a BOM is dropped; an .xls or UTF-16 file is refused as `CSVFormat` would.
    private func checkStart() throws {
        let head = Data(buffer.prefix(8))
        if buffer.isEmpty { throw SheetError.empty }
        if FileSignature(head) == .ole2 { throw SheetError.legacyExcelFormat }
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            buffer.removeFirst(3)
            encoding = .utf8
        } else if !Self.reads(start: head) {
            throw SheetError.unsupportedEncoding
        }
    }

    /// Where the last complete record in the buffer ends (after its line break), outside quotes;
    /// at the end of the file, the end.
    private func lastRecordEnd() throws -> Int? {
        let scan = CSVRecordBoundaries.scan(buffer, firstLine: linesBefore + 1, final: atEnd)
        guard atEnd else { return scan.lastEnd }
        if let line = scan.openQuoteLine { throw SheetError.unclosedQuote(line: line) }
        return buffer.count
    }

    private func decode(_ bytes: ArraySlice<UInt8>) throws -> String {
        if bytes.contains(0) { throw SheetError.unsupportedEncoding }
        if encoding != .gb18030, let text = String(validatingUTF8Bytes: bytes) {
            if encoding == .undecided, bytes.contains(where: { $0 >= 0x80 }) { encoding = .utf8 }
            return text
        }
        guard encoding != .utf8, let text = GB18030Decoder.decode(Data(bytes)) else { throw SheetError.unsupportedEncoding }
        encoding = .gb18030
        return text
    }

    private func rows(_ text: String) throws -> [Row] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
        } catch {
            throw SheetError.malformed("CSV: \(error)")
        }
        var rows: [Row] = []
        while let fields = reader.next() {
            rowsBefore += 1
            guard fields.contains(where: { !$0.isEmpty }) else { continue }
            guard fields.count <= limits.maxColumns else { throw SheetError.tooManyColumns(limit: limits.maxColumns) }
            rows.append(Row(number: rowsBefore, cells: fields.map { $0.isEmpty ? SheetCell.empty : .text($0) }))
        }
        if let error = reader.error { throw SheetError.malformed("CSV: \(error)") }
        return rows
    }
}
