import Glibc

/// Interns short byte strings (years, location and product codes) to dense ids, without a
/// Swift `String` per row: nine million rows would otherwise allocate eighteen million strings.
/// Codes are kept byte for byte, so `0011` stays `0011`.
struct ByteInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Open addressing, linear probing; −1 is an empty slot. The size is a power of two kept
    /// at least twice the number of codes.
    private var slots: [Int32]

    init(expectedCount: Int = 1024) {
        var size = 16
        while size < expectedCount * 2 { size *= 2 }
        slots = [Int32](repeating: -1, count: size)
    }

    var count: Int { hashes.count }

    /// The id of `bytes`, adding it when new.
    mutating func intern(_ bytes: UnsafeRawBufferPointer) -> (id: Int32, isNew: Bool) {
        let hash = Self.hash(bytes)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let id = slots[slot]
            if id < 0 { break }
            if hashes[Int(id)] == hash && equals(Int(id), bytes) { return (id, false) }
            slot = (slot + 1) & mask
        }
        let id = Int32(hashes.count)
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        hashes.append(hash)
        slots[slot] = id
        if hashes.count * 2 > slots.count { grow() }
        return (id, true)
    }

    /// The same, trying `hint` (usually the previous row's code) before hashing: sorted input
    /// repeats its year and location on row after row.
    mutating func intern(_ bytes: UnsafeRawBufferPointer, hint: Int32) -> (id: Int32, isNew: Bool) {
        if hint >= 0 && equals(Int(hint), bytes) { return (hint, false) }
        return intern(bytes)
    }

    /// The id of a Swift string, adding it when new (for callers that already hold strings).
    mutating func intern(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { intern(UnsafeRawBufferPointer($0)).id }
    }

    func withBytes<T>(of id: Int, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try arena.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[starts[id]..<starts[id + 1]])) }
    }

    func string(_ id: Int) -> String {
        String(decoding: arena[starts[id]..<starts[id + 1]], as: UTF8.self)
    }

    var strings: [String] { (0..<count).map(string) }

    /// Byte-wise order of two codes: the order of Python's `str` comparison (code points) for
    /// UTF-8, which is how pandas sorts the reference's locations and products.
    func precedes(_ lhs: Int, _ rhs: Int) -> Bool {
        arena.withUnsafeBufferPointer { buffer in
            let l = starts[lhs], ln = starts[lhs + 1] - l
            let r = starts[rhs], rn = starts[rhs + 1] - r
            let common = memcmp(buffer.baseAddress! + l, buffer.baseAddress! + r, min(ln, rn))
            return common != 0 ? common < 0 : ln < rn
        }
    }

    private func equals(_ id: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = starts[id], length = starts[id + 1] - start
        guard length == bytes.count else { return false }
        if length == 0 { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + start, bytes.baseAddress!, length) == 0 }
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for (id, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(id)
        }
        slots = bigger
    }

    /// FNV-1a, finished with a multiply-xorshift so that short codes differing in the last
    /// byte spread over the low bits used as the slot.
    private static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        h ^= h >> 32
        h = h &* 0xd6e8_feb8_6659_fd93
        return h ^ (h >> 32)
    }
}
