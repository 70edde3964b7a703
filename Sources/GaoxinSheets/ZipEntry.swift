/// One file inside a zip archive, as its central directory record describes it.
struct ZipEntry: Equatable {
    /// The name with "/" separators and no leading "/", as stored (not lowercased).
    let path: String
    let method: UInt16
    let flags: UInt16
    let crc32: UInt32
    let compressedSize: Int
    let uncompressedSize: Int
    let localHeaderOffset: Int

    static let methodStored: UInt16 = 0
    static let methodDeflate: UInt16 = 8

    var isEncrypted: Bool { flags & 0x0001 != 0 }
    var isDirectory: Bool { path.hasSuffix("/") }
}
