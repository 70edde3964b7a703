import Foundation

/// Decodes the bytes of an uploaded text file (CSV) whatever program saved it.
///
/// In order: a byte order mark decides (UTF-8, UTF-16LE, UTF-16BE); without one, valid UTF-8
/// is UTF-8 (this includes plain ASCII); anything else is tried as GB18030, which is what
/// "CSV" from Excel or WPS on Chinese Windows is. Chinese text in GBK is practically never
/// valid UTF-8, so the order is safe. Bytes that are none of these are refused rather than
/// guessed at, since a wrong guess would import garbled names.
public enum TextEncodingDetector {
    public enum Encoding: Equatable, Sendable {
        case utf8, utf16LittleEndian, utf16BigEndian, gb18030
    }

    /// The text without its byte order mark, and the encoding it was found in.
    public static func decode(_ data: Data) throws -> (text: String, encoding: Encoding) {
        let bytes = [UInt8](data.prefix(3))
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validatingUTF8Bytes: data.dropFirst(3)) else { throw SheetError.unsupportedEncoding }
            return (text, .utf8)
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return (try utf16(data.dropFirst(2), littleEndian: true), .utf16LittleEndian)
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return (try utf16(data.dropFirst(2), littleEndian: false), .utf16BigEndian)
        }
        // A NUL byte does not occur in text files; it means UTF-16 without a byte order mark
        // or a binary file (an .xls renamed to .csv), and neither should be read as UTF-8.
        guard !data.contains(0) else { throw SheetError.unsupportedEncoding }
        if let text = String(validatingUTF8Bytes: data) { return (text, .utf8) }
        if let text = GB18030Decoder.decode(data) { return (text, .gb18030) }
        throw SheetError.unsupportedEncoding
    }

    /// Strict UTF-16: an odd byte count or an unpaired surrogate is an error, not U+FFFD.
    private static func utf16(_ data: Data, littleEndian: Bool) throws -> String {
        guard data.count % 2 == 0 else { throw SheetError.unsupportedEncoding }
        var units: [UInt16] = []
        units.reserveCapacity(data.count / 2)
        var iterator = data.makeIterator()
        while let first = iterator.next(), let second = iterator.next() {
            units.append(littleEndian ? UInt16(first) | UInt16(second) << 8 : UInt16(first) << 8 | UInt16(second))
        }
        var scalars = String.UnicodeScalarView()
        var decoder = UTF16()
        var unitIterator = units.makeIterator()
        while true {
            switch decoder.decode(&unitIterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: return String(scalars)
            case .error: throw SheetError.unsupportedEncoding
            }
        }
    }
}

extension String {
    /// Strict UTF-8 decoding: nil instead of replacement characters for invalid bytes.
    /// `String(decoding:)` is the fast, vectorised decoder; it only differs from the input
    /// when it had to replace something.
    init?<Bytes: Collection>(validatingUTF8Bytes bytes: Bytes) where Bytes.Element == UInt8 {
        let decoded = String(decoding: bytes, as: UTF8.self)
        guard decoded.utf8.elementsEqual(bytes) else { return nil }
        self = decoded
    }
}
