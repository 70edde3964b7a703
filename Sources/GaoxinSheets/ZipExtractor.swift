import Foundation
import ZIPFoundation

/// Extracts entries of an uploaded zip into memory within `SheetLimits`.
///
/// Declared sizes are checked for the whole archive before anything is inflated (total size,
/// per-entry compression ratio), and the bytes actually produced are counted while inflating,
/// because a bomb can declare small sizes and still expand without end.
struct ZipExtractor {
    let data: Data
    let directory: ZipDirectory
    private let limits: SheetLimits
    private var remainingBudget: Int

    /// Entries this small cannot hurt whatever their ratio, and tiny XML parts of repetitive
    /// markup legitimately compress more than 200×.
    static let ratioCheckFloor = 1024 * 1024
    private static let chunkSize = 64 * 1024
    private static let localHeaderSignature: UInt32 = 0x0403_4B50

    init(data: Data, limits: SheetLimits) throws {
        self.data = data
        self.directory = try ZipDirectory(data: data)
        self.limits = limits
        self.remainingBudget = limits.maxUncompressedBytes
        try checkDeclaredSizes()
    }

    func contains(_ path: String) -> Bool {
        directory.entry(named: path) != nil
    }

    /// The bytes of a part, or nil when the archive has no such entry.
    mutating func contents(of path: String) throws -> Data? {
        guard let entry = directory.entry(named: path), !entry.isDirectory else { return nil }
        guard !entry.isEncrypted else { throw SheetError.malformed("encrypted zip entry \(entry.path)") }
        let (start, length) = try dataRange(of: entry)
        switch entry.method {
        case ZipEntry.methodStored:
            guard length == entry.uncompressedSize else {
                throw SheetError.malformed("stored entry \(entry.path) has inconsistent sizes")
            }
            try spend(length)
            let bytes = data.subdata(in: data.startIndex + start ..< data.startIndex + start + length)
            guard bytes.crc32(checksum: 0) == entry.crc32 else {
                throw SheetError.malformed("checksum mismatch in \(entry.path)")
            }
            return bytes
        case ZipEntry.methodDeflate:
            return try inflate(entry, start: start, length: length)
        default:
            throw SheetError.malformed("unsupported compression method \(entry.method) in \(entry.path)")
        }
    }

    private func checkDeclaredSizes() throws {
        var total = 0
        for entry in directory.entries {
            guard entry.uncompressedSize <= limits.maxUncompressedBytes else { throw SheetError.zipBomb }
            total += entry.uncompressedSize
            guard total <= limits.maxUncompressedBytes else { throw SheetError.zipBomb }
            if entry.uncompressedSize > Self.ratioCheckFloor {
                let ratio = Double(entry.uncompressedSize) / Double(max(entry.compressedSize, 1))
                guard ratio <= limits.maxCompressionRatio else { throw SheetError.zipBomb }
            }
        }
    }

    /// Where the entry's compressed bytes are: after its local header, whose name and extra
    /// lengths may differ from the central directory's.
    private func dataRange(of entry: ZipEntry) throws -> (start: Int, length: Int) {
        let reader = ByteReader(data: data)
        let header = entry.localHeaderOffset
        guard try reader.uint32(at: header) == Self.localHeaderSignature else {
            throw SheetError.malformed("missing local header for \(entry.path)")
        }
        let nameLength = Int(try reader.uint16(at: header + 26))
        let extraLength = Int(try reader.uint16(at: header + 28))
        let start = header + 30 + nameLength + extraLength
        let length = entry.method == ZipEntry.methodStored ? entry.uncompressedSize : entry.compressedSize
        guard start <= data.count, length <= data.count - start else {
            throw SheetError.malformed("entry \(entry.path) extends past the end of the file")
        }
        return (start, length)
    }

    /// Inflates with ZIPFoundation's `Data.decompress`, feeding it only this entry's bytes.
    ///
    /// The provider always returns exactly the number of bytes asked for, zero-padded past
    /// the entry's end: on Linux the inflater tells zlib that a whole buffer is available
    /// whatever the chunk's real length. Asked again once the entry is used up, the provider
    /// throws — a stream that has not ended by then is truncated, and this is what keeps the
    /// inflater from looping forever.
    private mutating func inflate(_ entry: ZipEntry, start: Int, length: Int) throws -> Data {
        let source = data
        let base = data.startIndex + start
        var output = Data()
        output.reserveCapacity(min(entry.uncompressedSize, 64 * 1024 * 1024))
        var budget = remainingBudget
        let declared = entry.uncompressedSize
        let checksum: CRC32
        do {
            checksum = try Data.decompress(
                size: Int64(length),
                bufferSize: Self.chunkSize,
                skipCRC32: false,
                provider: { position, size in
                    let offset = Int(position)
                    guard offset < length else {
                        throw SheetError.malformed("deflate data of \(entry.path) ends early")
                    }
                    let available = min(size, length - offset)
                    var chunk = source.subdata(in: base + offset ..< base + offset + available)
                    if available < size { chunk.append(Data(count: size - available)) }
                    return chunk
                },
                consumer: { chunk in
                    // More than declared means the header lied: a bomb, or damage.
                    guard output.count + chunk.count <= declared, chunk.count <= budget else {
                        throw SheetError.zipBomb
                    }
                    budget -= chunk.count
                    output.append(chunk)
                }
            )
        } catch let error as SheetError {
            throw error
        } catch {
            throw SheetError.malformed("cannot inflate \(entry.path): \(error)")
        }
        remainingBudget = budget
        guard output.count == declared else {
            throw SheetError.malformed("\(entry.path) inflated to \(output.count) bytes, declared \(declared)")
        }
        guard checksum == entry.crc32 else { throw SheetError.malformed("checksum mismatch in \(entry.path)") }
        return output
    }

    private mutating func spend(_ bytes: Int) throws {
        guard bytes <= remainingBudget else { throw SheetError.zipBomb }
        remainingBudget -= bytes
    }
}
