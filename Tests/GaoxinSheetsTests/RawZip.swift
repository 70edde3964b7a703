import Foundation
import ZIPFoundation

/// Writes zip archives byte by byte, for what no zip library will produce on purpose:
/// zip64 records on small files (as some streaming writers emit) and entries whose
/// headers lie about their contents.
enum RawZip {
    struct Entry {
        var path: String
        var method: UInt16
        var payload: Data
        var crc: UInt32
        var uncompressedSize: UInt64

        /// An honest, uncompressed entry.
        static func stored(_ path: String, _ data: Data) -> Entry {
            Entry(path: path, method: 0, payload: data, crc: data.crc32(checksum: 0), uncompressedSize: UInt64(data.count))
        }
    }

    static func build(_ entries: [Entry], zip64: Bool = false) -> Data {
        var data = Data()
        var directory = Data()
        let marker32: UInt32 = 0xFFFF_FFFF
        for entry in entries {
            let name = Data(entry.path.utf8)
            let offset = UInt64(data.count)
            let version: UInt16 = zip64 ? 45 : 20

            data.append(le: UInt32(0x0403_4B50))
            data.append(le: version)
            data.append(le: UInt16(0))
            data.append(le: entry.method)
            data.append(le: UInt32(0))  // time and date
            data.append(le: entry.crc)
            data.append(le: zip64 ? marker32 : UInt32(entry.payload.count))
            data.append(le: zip64 ? marker32 : UInt32(entry.uncompressedSize))
            data.append(le: UInt16(name.count))
            data.append(le: UInt16(zip64 ? 20 : 0))
            data.append(name)
            if zip64 {
                data.append(le: UInt16(1))
                data.append(le: UInt16(16))
                data.append(le: entry.uncompressedSize)
                data.append(le: UInt64(entry.payload.count))
            }
            data.append(entry.payload)

            directory.append(le: UInt32(0x0201_4B50))
            directory.append(le: version)
            directory.append(le: version)
            directory.append(le: UInt16(0))
            directory.append(le: entry.method)
            directory.append(le: UInt32(0))
            directory.append(le: entry.crc)
            directory.append(le: zip64 ? marker32 : UInt32(entry.payload.count))
            directory.append(le: zip64 ? marker32 : UInt32(entry.uncompressedSize))
            directory.append(le: UInt16(name.count))
            directory.append(le: UInt16(zip64 ? 28 : 0))
            directory.append(le: UInt16(0))  // comment
            directory.append(le: UInt16(0))  // disk
            directory.append(le: UInt16(0))  // internal attributes
            directory.append(le: UInt32(0))  // external attributes
            directory.append(le: zip64 ? marker32 : UInt32(offset))
            directory.append(name)
            if zip64 {
                directory.append(le: UInt16(1))
                directory.append(le: UInt16(24))
                directory.append(le: entry.uncompressedSize)
                directory.append(le: UInt64(entry.payload.count))
                directory.append(le: offset)
            }
        }
        let directoryOffset = UInt64(data.count)
        data.append(directory)
        if zip64 {
            let recordOffset = UInt64(data.count)
            data.append(le: UInt32(0x0606_4B50))
            data.append(le: UInt64(44))
            data.append(le: UInt16(45))
            data.append(le: UInt16(45))
            data.append(le: UInt32(0))
            data.append(le: UInt32(0))
            data.append(le: UInt64(entries.count))
            data.append(le: UInt64(entries.count))
            data.append(le: UInt64(directory.count))
            data.append(le: directoryOffset)
            data.append(le: UInt32(0x0706_4B50))
            data.append(le: UInt32(0))
            data.append(le: recordOffset)
            data.append(le: UInt32(1))
        }
        data.append(le: UInt32(0x0605_4B50))
        data.append(le: UInt16(0))
        data.append(le: UInt16(0))
        data.append(le: zip64 ? UInt16(0xFFFF) : UInt16(entries.count))
        data.append(le: zip64 ? UInt16(0xFFFF) : UInt16(entries.count))
        data.append(le: zip64 ? marker32 : UInt32(directory.count))
        data.append(le: zip64 ? marker32 : UInt32(directoryOffset))
        data.append(le: UInt16(0))
        return data
    }
}

extension Data {
    mutating func append<T: FixedWidthInteger>(le value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }
}
