import Foundation

/// The table of contents of a zip archive, read from its central directory.
///
/// Why not `ZIPFoundation.Archive(data:accessMode: .read)` for reading: in 0.9.20 its Linux
/// inflate loop spins forever at 100 % CPU when a deflate stream does not end before the
/// end of the file (upstream weichsel/ZIPFoundation#389, still open), and it scans for the
/// end record byte by byte through the whole file. An upload can be crafted to hit both, so
/// we read the directory ourselves — with every offset bounds-checked — and give
/// ZIPFoundation's inflater only the entry's own bytes (see `ZipExtractor`). ZIPFoundation
/// still writes our archives.
struct ZipDirectory {
    let entries: [ZipEntry]
    private let byNormalizedPath: [String: ZipEntry]

    private static let endRecordSignature: UInt32 = 0x0605_4B50
    private static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    private static let zip64EndRecordSignature: UInt32 = 0x0606_4B50
    private static let centralRecordSignature: UInt32 = 0x0201_4B50
    private static let endRecordSize = 22
    private static let centralRecordSize = 46

    init(data: Data) throws {
        let reader = ByteReader(data: data)
        let end = try Self.findEndRecord(reader)
        var entryCount = Int(try reader.uint16(at: end + 10))
        var directorySize = Int(try reader.uint32(at: end + 12))
        var directoryOffset = Int(try reader.uint32(at: end + 16))
        let diskNumber = try reader.uint16(at: end + 4)
        let directoryDisk = try reader.uint16(at: end + 6)
        guard diskNumber == 0, directoryDisk == 0 else {
            throw SheetError.malformed("split (multi-disk) zip archives are not supported")
        }
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            (entryCount, directorySize, directoryOffset) = try Self.zip64Counts(reader, endRecord: end)
        }
        guard directoryOffset <= end, directorySize <= end - directoryOffset,
              entryCount <= directorySize / Self.centralRecordSize + 1 else {
            throw SheetError.malformed("central directory does not fit the file")
        }

        var entries: [ZipEntry] = []
        entries.reserveCapacity(entryCount)
        var offset = directoryOffset
        for _ in 0 ..< entryCount {
            let (entry, next) = try Self.centralRecord(reader, at: offset, limit: directoryOffset + directorySize)
            entries.append(entry)
            offset = next
        }
        self.entries = entries
        var byPath: [String: ZipEntry] = [:]
        for entry in entries where byPath[Self.normalized(entry.path)] == nil {
            byPath[Self.normalized(entry.path)] = entry
        }
        self.byNormalizedPath = byPath
    }

    /// Part names in a package are case-insensitive (OPC), and some writers differ in case
    /// between the relationship target and the stored name.
    func entry(named path: String) -> ZipEntry? {
        byNormalizedPath[Self.normalized(path)]
    }

    static func normalized(_ path: String) -> String {
        var path = path.replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }
        return path.lowercased()
    }

    /// The end record sits in the last 22 bytes plus an optional comment of up to 64 KB; the
    /// search stops there instead of crossing the whole file.
    private static func findEndRecord(_ reader: ByteReader) throws -> Int {
        guard reader.count >= endRecordSize else { throw SheetError.notAZip }
        let lowest = max(0, reader.count - endRecordSize - 0xFFFF)
        var offset = reader.count - endRecordSize
        while offset >= lowest {
            if try reader.uint32(at: offset) == endRecordSignature {
                let commentLength = Int(try reader.uint16(at: offset + 20))
                if offset + endRecordSize + commentLength <= reader.count { return offset }
            }
            offset -= 1
        }
        throw SheetError.notAZip
    }

    private static func zip64Counts(_ reader: ByteReader, endRecord: Int) throws -> (Int, Int, Int) {
        let locator = endRecord - 20
        guard locator >= 0, try reader.uint32(at: locator) == zip64LocatorSignature else {
            throw SheetError.malformed("zip64 end record locator missing")
        }
        let record = try checkedInt(reader.uint64(at: locator + 8))
        guard try reader.uint32(at: record) == zip64EndRecordSignature else {
            throw SheetError.malformed("zip64 end record missing")
        }
        return (
            try checkedInt(reader.uint64(at: record + 32)),
            try checkedInt(reader.uint64(at: record + 40)),
            try checkedInt(reader.uint64(at: record + 48))
        )
    }

    private static func centralRecord(_ reader: ByteReader, at offset: Int, limit: Int) throws -> (ZipEntry, Int) {
        guard try reader.uint32(at: offset) == centralRecordSignature else {
            throw SheetError.malformed("bad central directory record at \(offset)")
        }
        let nameLength = Int(try reader.uint16(at: offset + 28))
        let extraLength = Int(try reader.uint16(at: offset + 30))
        let commentLength = Int(try reader.uint16(at: offset + 32))
        let next = offset + centralRecordSize + nameLength + extraLength + commentLength
        guard next <= limit else { throw SheetError.malformed("central directory record overruns the directory") }

        var uncompressed = UInt64(try reader.uint32(at: offset + 24))
        var compressed = UInt64(try reader.uint32(at: offset + 20))
        var localOffset = UInt64(try reader.uint32(at: offset + 42))
        let extra = try reader.bytes(at: offset + centralRecordSize + nameLength, count: extraLength)
        try applyZip64Extra(ByteReader(data: extra), uncompressed: &uncompressed, compressed: &compressed, localOffset: &localOffset)

        let nameBytes = try reader.bytes(at: offset + centralRecordSize, count: nameLength)
        var path = String(decoding: nameBytes, as: UTF8.self).replacingOccurrences(of: "\\", with: "/")
        while path.hasPrefix("/") { path.removeFirst() }

        let entry = ZipEntry(
            path: path,
            method: try reader.uint16(at: offset + 10),
            flags: try reader.uint16(at: offset + 8),
            crc32: try reader.uint32(at: offset + 16),
            compressedSize: try size(compressed),
            uncompressedSize: try size(uncompressed),
            localHeaderOffset: try checkedInt(localOffset)
        )
        return (entry, next)
    }

    /// In the zip64 extra field (id 1) the 64-bit values appear, in this order, only for the
    /// 32-bit fields that hold 0xFFFFFFFF.
    private static func applyZip64Extra(
        _ extra: ByteReader, uncompressed: inout UInt64, compressed: inout UInt64, localOffset: inout UInt64
    ) throws {
        var position = 0
        while position + 4 <= extra.count {
            let id = try extra.uint16(at: position)
            let size = Int(try extra.uint16(at: position + 2))
            if id == 0x0001 {
                var field = position + 4
                if uncompressed == 0xFFFF_FFFF { uncompressed = try extra.uint64(at: field); field += 8 }
                if compressed == 0xFFFF_FFFF { compressed = try extra.uint64(at: field); field += 8 }
                if localOffset == 0xFFFF_FFFF { localOffset = try extra.uint64(at: field) }
                return
            }
            position += 4 + size
        }
    }

    /// Offsets and counts come from the file; anything beyond what `Int` can index is damage.
    private static func checkedInt(_ value: UInt64) throws -> Int {
        guard value <= UInt64(Int.max / 2) else { throw SheetError.malformed("zip field out of range: \(value)") }
        return Int(value)
    }

    /// A declared entry size beyond 16 GiB is absurd for a spreadsheet: refused as a bomb
    /// before any limit arithmetic can overflow.
    private static func size(_ value: UInt64) throws -> Int {
        guard value <= 1 << 34 else { throw SheetError.zipBomb }
        return Int(value)
    }
}
