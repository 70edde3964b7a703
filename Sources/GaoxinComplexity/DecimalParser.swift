import Glibc

/// Reads a decimal number from bytes, correctly rounded, without creating a String.
///
/// Fast path (Clinger): when the digits form an integer w ≤ 2⁵³ and the decimal exponent e has
/// |e| ≤ 22, both w and 10^|e| are exact doubles and one multiplication or division gives the
/// correctly rounded result. Everything else (long mantissas, large exponents) goes to the C
/// library's `strtod`, which is correctly rounded too. Nearly every value in a data file takes
/// the fast path.
enum DecimalParser {
    enum Result: Equatable {
        case number(Double)
        case empty
        /// "nan", "inf", "infinity" with an optional sign.
        case notFinite
        case notNumber
    }

    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }  // exact: 10^k = 5^k · 2^k and 5^22 < 2^53
        return value
    }

    static func parse(_ bytes: UnsafeRawBufferPointer) -> Result {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        if start == end { return .empty }

        var i = start
        var negative = false
        if bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0, exponent = 0
        var sawDigit = false, exact = true
        while i < end, let d = digit(bytes[i]) {
            sawDigit = true
            if mantissa == 0 && d == 0 {
                // leading zero: no significance
            } else if digits < 19 {
                mantissa = mantissa * 10 + d; digits += 1
            } else {
                exact = false; exponent += 1
            }
            i += 1
        }
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, let d = digit(bytes[i]) {
                sawDigit = true
                if mantissa == 0 && d == 0 {
                    exponent -= 1
                } else if digits < 19 {
                    mantissa = mantissa * 10 + d; digits += 1; exponent -= 1
                } else {
                    exact = false
                }
                i += 1
            }
        }
        guard sawDigit else { return isNonFiniteWord(bytes, start, end) ? .notFinite : .notNumber }
        if i < end, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            var exponentNegative = false
            if i < end, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0, sawExponentDigit = false
            while i < end, let d = digit(bytes[i]) {
                sawExponentDigit = true
                if written < 100_000 { written = written * 10 + Int(d) }
                i += 1
            }
            guard sawExponentDigit else { return .notNumber }
            exponent += exponentNegative ? -written : written
        }
        guard i == end else { return .notNumber }

        if exact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            var value = Double(mantissa)
            value = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return .number(negative ? -value : value)
        }
        return slowPath(bytes, start, end)
    }

    private static func digit(_ byte: UInt8) -> UInt64? {
        byte >= 0x30 && byte <= 0x39 ? UInt64(byte - 0x30) : nil
    }

    /// The syntax was checked above, so strtod sees only [+-]digits[.digits][e[+-]digits].
    private static func slowPath(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Result {
        var text = [CChar](repeating: 0, count: end - start + 1)
        for j in start..<end { text[j - start] = CChar(bitPattern: bytes[j]) }
        let value = strtod(text, nil)
        return value.isFinite ? .number(value) : .notFinite
    }

    private static func isNonFiniteWord(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ end: Int) -> Bool {
        var word = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        if word.hasPrefix("+") || word.hasPrefix("-") { word.removeFirst() }
        return word == "nan" || word == "inf" || word == "infinity"
    }
}
