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

    /// A short piece (≤ 24 bytes) copied as three 8-byte words: the grid copies five cached
    /// pieces per row, 45 million in all, and a call to memcpy costs more than the copy. The
    /// source must have 24 readable bytes (`TextArena` pads its end); up to 24 bytes past the
    /// piece are written and then overwritten by what follows.
    @inline(__always)
    mutating func appendPiece(_ source: UnsafeRawPointer, count length: Int) {
        guard length <= 24 else { return append(UnsafeRawBufferPointer(start: source, count: length)) }
        if count + 24 > capacity { grow(to: capacity * 2 + 24) }
        let target = UnsafeMutableRawPointer(base + count)
        target.storeBytes(of: source.loadUnaligned(as: UInt64.self), as: UInt64.self)
        target.storeBytes(of: source.loadUnaligned(fromByteOffset: 8, as: UInt64.self), toByteOffset: 8, as: UInt64.self)
        target.storeBytes(of: source.loadUnaligned(fromByteOffset: 16, as: UInt64.self), toByteOffset: 16, as: UInt64.self)
        count += length
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
        if value == 0 || value == 1 {  // most of M, and COG where the product is present
            base[count] = value == 0 ? 0x30 : 0x31
            count += 1
            return
        }
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
    /// [−4, 16), in exponent notation otherwise (Python's repr rule). The digits are written
    /// where they end up; a decimal point inside them costs moving the few digits before it.
    private mutating func appendDecimal(digits: UInt64, exponent: Int) {
        let length = tables.digitCount(digits)
        let leading = exponent + length - 1
        let start = base + count
        if leading >= -4 && leading < 16 {
            if exponent >= 0 {
                writeDigits(digits, length: length, to: start)
                for i in 0..<exponent { start[length + i] = 0x30 }
                count += length + exponent
            } else if leading >= 0 {
                writeDigits(digits, length: length, to: start + 1)
                for i in 0...leading { start[i] = start[i + 1] }
                start[leading + 1] = UInt8(ascii: ".")
                count += length + 1
            } else {
                let zeros = -leading - 1
                start[0] = 0x30; start[1] = UInt8(ascii: ".")
                for i in 0..<zeros { start[2 + i] = 0x30 }
                writeDigits(digits, length: length, to: start + 2 + zeros)
                count += 2 + zeros + length
            }
            return
        }
        writeDigits(digits, length: length, to: start + 1)
        start[0] = start[1]
        var end = 1
        if length > 1 { start[1] = UInt8(ascii: "."); end = length + 1 }
        start[end] = UInt8(ascii: "e")
        start[end + 1] = leading < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        let power = abs(leading)
        end += 2
        if power >= 100 { start[end] = UInt8(power / 100) + 0x30; end += 1 }
        start[end] = UInt8(power / 10 % 10) + 0x30
        start[end + 1] = UInt8(power % 10) + 0x30
        count += end + 2
    }

    private mutating func appendDigits(_ value: UInt64) {
        let length = tables.digitCount(value)
        writeDigits(value, length: length, to: base + count)
        count += length
    }

    /// The `length` decimal digits of `value` at `destination`. The last eight come from
    /// 32-bit arithmetic, two at a time from a table: 64-bit division is the costly step here,
    /// and a 17-digit number needs only one.
    private func writeDigits(_ value: UInt64, length: Int, to destination: UnsafeMutablePointer<UInt8>) {
        if length <= 8 {
            writeShortDigits(UInt32(truncatingIfNeeded: value), width: length, to: destination)
            return
        }
        let high = value / 100_000_000
        writeDigits(high, length: length - 8, to: destination)
        writeShortDigits(UInt32(truncatingIfNeeded: value - high * 100_000_000), width: 8, to: destination + length - 8)
    }

    /// `value` (< 10^8) in exactly `width` digits, with leading zeros.
    @inline(__always)
    private func writeShortDigits(_ value: UInt32, width: Int, to destination: UnsafeMutablePointer<UInt8>) {
        let pairs = tables.digitPairs
        var value = value
        var position = width
        while position >= 2 {
            let pair = Int(value % 100) * 2
            value /= 100
            position -= 2
            destination[position] = pairs[pair]; destination[position + 1] = pairs[pair + 1]
        }
        if position == 1 { destination[0] = UInt8(truncatingIfNeeded: value) + 0x30 }
    }

    private mutating func grow(to newCapacity: Int) {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}
