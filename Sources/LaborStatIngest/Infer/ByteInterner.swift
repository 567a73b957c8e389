/// A hash set of byte strings giving each distinct string a dense code (first-seen order): the
/// dictionary of a category column, built without a `String` per cell.
struct ByteInterner {
    private(set) var bytes: [UInt8] = []
    /// `offsets[c] ..< offsets[c + 1]` are the bytes of level `c`.
    private(set) var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 64) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
    }

    var count: Int { offsets.count - 1 }

    @inline(__always) static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        while i + 8 <= n {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0x0000_0100_0000_01B3
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n { tail |= UInt64(p[i]) << shift; shift += 8; i += 1 }
        h = (h ^ tail ^ UInt64(n)) &* 0x0000_0100_0000_01B3
        h ^= h >> 32
        return h &* 0x9E37_79B9_7F4A_7C15
    }

    /// The code of the string, adding it when new.
    @inline(__always) mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32 {
        let h = Self.hash(p, n)
        var i = Int(truncatingIfNeeded: h >> 7) & mask
        while true {
            let c = slots[i]
            if c < 0 { break }
            if hashes[Int(c)] == h && equal(Int(c), p, n) { return UInt32(c) }
            i = (i + 1) & mask
        }
        let code = Int32(count)
        slots[i] = code
        hashes.append(h)
        bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        offsets.append(bytes.count)
        if count * 2 > slots.count { grow() }
        return UInt32(code)
    }

    @inline(__always) private func equal(_ c: Int, _ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        let lo = offsets[c], hi = offsets[c + 1]
        guard hi - lo == n else { return false }
        return bytes.withUnsafeBufferPointer { b in
            for k in 0..<n where b[lo + k] != p[k] { return false }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        for c in 0..<count {
            var i = Int(truncatingIfNeeded: hashes[c] >> 7) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(c)
        }
    }

    /// Level `c` as a `String`.
    func level(_ c: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[offsets[c]..<offsets[c + 1]]), as: UTF8.self) }
    }

    /// Calls `body` with the bytes of level `c`.
    func withLevel<R>(_ c: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        let lo = offsets[c], n = offsets[c + 1] - lo
        if n == 0 { var z: UInt8 = 0; return withUnsafePointer(to: &z) { body($0, 0) } }
        return bytes.withUnsafeBufferPointer { b in body(b.baseAddress! + lo, n) }
    }
}
