import Foundation

/// Bounds-checked little-endian reads from untrusted bytes: every offset in a zip header
/// comes from the file, so each read either succeeds or throws `SheetError.malformed`.
struct ByteReader {
    let data: Data

    var count: Int { data.count }

    func uint16(at offset: Int) throws -> UInt16 {
        try check(offset, 2)
        let base = data.startIndex + offset
        return UInt16(data[base]) | UInt16(data[base + 1]) << 8
    }

    func uint32(at offset: Int) throws -> UInt32 {
        try check(offset, 4)
        let base = data.startIndex + offset
        var value: UInt32 = 0
        for index in (0 ..< 4).reversed() { value = value << 8 | UInt32(data[base + index]) }
        return value
    }

    func uint64(at offset: Int) throws -> UInt64 {
        try check(offset, 8)
        let base = data.startIndex + offset
        var value: UInt64 = 0
        for index in (0 ..< 8).reversed() { value = value << 8 | UInt64(data[base + index]) }
        return value
    }

    func bytes(at offset: Int, count length: Int) throws -> Data {
        try check(offset, length)
        let base = data.startIndex + offset
        return data.subdata(in: base ..< base + length)
    }

    private func check(_ offset: Int, _ length: Int) throws {
        guard offset >= 0, length >= 0, offset <= data.count, length <= data.count - offset else {
            throw SheetError.malformed("zip structure points past the end of the file (offset \(offset), length \(length))")
        }
    }
}
