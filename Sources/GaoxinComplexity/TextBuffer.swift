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
    /// [−4, 16), in exponent notation otherwise (Python's repr rule). The digits are made in a
    /// small local buffer and laid out with the point in one pass (no shifting afterwards).
    private mutating func appendDecimal(digits: UInt64, exponent: Int) {
        var local: (UInt64, UInt64, UInt64) = (0, 0, 0)
        let written = withUnsafeMutableBytes(of: &local) { raw -> Int in
            let d = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            let length = writeDigits(digits, to: d)
            let leading = exponent + length - 1
            var out = base + count
            func put(_ byte: UInt8) { out.pointee = byte; out += 1 }
            if leading >= -4 && leading < 16 {
                if exponent >= 0 {
                    for i in 0..<length { put(d[i]) }
                    for _ in 0..<exponent { put(0x30) }
                } else if leading >= 0 {
                    for i in 0...leading { put(d[i]) }
                    put(UInt8(ascii: "."))
                    for i in (leading + 1)..<length { put(d[i]) }
                } else {
                    put(0x30); put(UInt8(ascii: "."))
                    for _ in 0..<(-leading - 1) { put(0x30) }
                    for i in 0..<length { put(d[i]) }
                }
            } else {
                put(d[0])
                if length > 1 {
                    put(UInt8(ascii: "."))
                    for i in 1..<length { put(d[i]) }
                }
                put(UInt8(ascii: "e"))
                put(leading < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
                let power = abs(leading)
                if power >= 100 { put(UInt8(power / 100) + 0x30) }
                put(UInt8(power / 10 % 10) + 0x30)
                put(UInt8(power % 10) + 0x30)
            }
            return out - (base + count)
        }
        count += written
    }

    private mutating func appendDigits(_ value: UInt64) {
        count += writeDigits(value, to: base + count)
    }

    /// Decimal digits of `value` at `destination`; returns how many. The last eight come from
    /// 32-bit arithmetic, two at a time from a table: 64-bit division is the costly step here,
    /// and a 17-digit number needs only one.
    private func writeDigits(_ value: UInt64, to destination: UnsafeMutablePointer<UInt8>) -> Int {
        if value < 100_000_000 {
            let width = tables.digitCount(value)
            writeShortDigits(UInt32(truncatingIfNeeded: value), width: width, to: destination)
            return width
        }
        let high = value / 100_000_000
        let width = writeDigits(high, to: destination)
        writeShortDigits(UInt32(truncatingIfNeeded: value - high * 100_000_000), width: 8, to: destination + width)
        return width + 8
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
