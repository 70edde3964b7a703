import Glibc

/// A growable byte buffer for output text, with numbers written in place. A plain pointer
/// rather than `[UInt8]`: the grid writer appends some 300 million pieces, and array appends
/// pay for uniqueness and bounds checks on each. The owner calls `deallocate()`.
struct TextBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int
    private let tables = DecimalTables.shared

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    func deallocate() { base.deallocate() }

    mutating func removeAll() { count = 0 }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: capacity * 2) }
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if count + bytes.count > capacity { grow(to: max(capacity * 2, count + bytes.count)) }
        if let source = bytes.baseAddress { (base + count).update(from: source.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        count += bytes.count
    }

    mutating func append(_ text: StaticString) {
        append(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A number as CSV text that reads back to the same double: integral values below 2⁵³ as
    /// integers (M, diversity, ubiquity read as counts), NaN as an empty field (as pandas
    /// writes and reads it), others as the shortest round-trip decimal in Python's `repr`
    /// layout (`0.25`, `1e-05`, `1.5e+16`).
    mutating func append(number value: Double) {
        if value.isNaN { return }
        if count + 32 > capacity { grow(to: capacity * 2 + 32) }
        if value == value.rounded(.towardZero) && abs(value) < 9_007_199_254_740_992 {
            appendInteger(Int64(value))  // -0 becomes 0
            return
        }
        var magnitude = value
        if value < 0 {
            base[count] = UInt8(ascii: "-"); count += 1
            magnitude = -value
        }
        guard let (digits, exponent) = ShortestDecimal.decompose(magnitude, tables) else {
            for byte in magnitude.description.utf8 { append(byte) }  // "inf", extreme magnitudes
            return
        }
        appendDecimal(digits: digits, exponent: exponent)
    }

    mutating func appendInteger(_ value: Int64) {
        if count + 21 > capacity { grow(to: capacity * 2 + 21) }
        if value < 0 { base[count] = UInt8(ascii: "-"); count += 1 }
        appendDigits(value.magnitude)
    }

    /// digits × 10^exponent, in fixed notation when the leading digit's power of ten is in
    /// [−4, 16), in exponent notation otherwise (Python's repr rule).
    private mutating func appendDecimal(digits: UInt64, exponent: Int) {
        let start = count
        appendDigits(digits)
        let length = count - start
        let leading = exponent + length - 1
        if leading >= -4 && leading < 16 {
            if exponent >= 0 {
                for _ in 0..<exponent { base[count] = 0x30; count += 1 }
            } else if leading >= 0 {
                // Insert the point after `leading + 1` digits.
                let point = start + leading + 1
                memmove(base + point + 1, base + point, count - point)
                base[point] = UInt8(ascii: ".")
                count += 1
            } else {
                let zeros = -leading - 1
                memmove(base + start + 2 + zeros, base + start, length)
                base[start] = 0x30; base[start + 1] = UInt8(ascii: ".")
                for i in 0..<zeros { base[start + 2 + i] = 0x30 }
                count += 2 + zeros
            }
            return
        }
        if length > 1 {
            memmove(base + start + 2, base + start + 1, length - 1)
            base[start + 1] = UInt8(ascii: ".")
            count += 1
        }
        base[count] = UInt8(ascii: "e"); count += 1
        base[count] = leading < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"); count += 1
        let power = abs(leading)
        if power < 10 { base[count] = 0x30; count += 1 }
        appendDigits(UInt64(power))
    }

    /// Decimal digits. The last eight come from 32-bit arithmetic, two at a time from a table:
    /// 64-bit division is the costly step here, and a 17-digit number then needs only one.
    private mutating func appendDigits(_ value: UInt64) {
        if value < 100_000_000 {
            appendShortDigits(UInt32(truncatingIfNeeded: value), width: tables.digitCount(value))
        } else {
            let high = value / 100_000_000
            appendDigits(high)
            appendShortDigits(UInt32(truncatingIfNeeded: value - high * 100_000_000), width: 8)
        }
    }

    /// `value` (< 10^8) in exactly `width` digits, with leading zeros.
    @inline(__always)
    private mutating func appendShortDigits(_ value: UInt32, width: Int) {
        let pairs = tables.digitPairs
        var value = value
        var position = count + width
        while position - count >= 2 {
            let pair = Int(value % 100) * 2
            value /= 100
            position -= 2
            base[position] = pairs[pair]; base[position + 1] = pairs[pair + 1]
        }
        if position > count { base[count] = UInt8(truncatingIfNeeded: value) + 0x30 }
        count += width
    }

    private mutating func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}
