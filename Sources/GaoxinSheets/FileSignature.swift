import Foundation

/// The first bytes of an upload, which tell a zip (xlsx) from an OLE2 compound file (old
/// .xls, or an xlsx with a password) before any parsing.
enum FileSignature {
    case zip
    case ole2
    case other

    init(_ data: Data) {
        let head = Array(data.prefix(8))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            self = .zip
        } else if head == [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
            self = .ole2
        } else {
            self = .other
        }
    }
}
