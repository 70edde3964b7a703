import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decodes GB18030 — the superset of GBK and GB2312 that Excel and WPS write on Chinese
/// Windows ("ANSI" there is code page 936) — with the C library's iconv. Foundation on Linux
/// has no reliable GB18030 support.
enum GB18030Decoder {
    /// The text, or nil when the bytes are not valid GB18030 (or iconv lacks the encoding).
    static func decode(_ data: Data) -> String? {
        guard !data.isEmpty else { return "" }
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }

        var input = [UInt8](data)
        // A GB18030 character (1, 2 or 4 bytes) never takes more than 4 bytes in UTF-8 and at
        // most twice its own length; the loop grows the buffer anyway should iconv ask.
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var produced = 0
        var inputLeft = input.count
        var consumed = 0
        while inputLeft > 0 {
            let status: Int = input.withUnsafeMutableBufferPointer { inBuffer in
                output.withUnsafeMutableBufferPointer { outBuffer in
                    var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress! + consumed)
                        .assumingMemoryBound(to: CChar.self)
                    var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress! + produced)
                        .assumingMemoryBound(to: CChar.self)
                    var outLeft = outBuffer.count - produced
                    let before = inputLeft
                    let result = iconv(converter, &inPointer, &inputLeft, &outPointer, &outLeft)
                    consumed += before - inputLeft
                    produced = outBuffer.count - outLeft
                    return result == -1 ? Int(errno) : 0
                }
            }
            switch status {
            case 0:
                continue
            case Int(E2BIG):
                output += [UInt8](repeating: 0, count: output.count)
            default:
                // EILSEQ (invalid sequence) or EINVAL (sequence cut off at the end).
                return nil
            }
        }
        return String(decoding: output[0 ..< produced], as: UTF8.self)
    }
}
