/// LSD radix sort of doubles (with an optional payload that follows them, e.g. weights): the sort
/// behind per-group quantiles. O(n) per byte that varies; bytes equal in every key (the sign and
/// high exponent bits of similar magnitudes, the zero low mantissa bits of whole numbers) are
/// skipped, so money and incomes sort in about 3 passes — several times faster than a comparison
/// sort of pairs. Stable; NaN must have been removed.
enum RadixSort {
    /// Order-preserving map of a double's bits to an unsigned integer.
    @inline(__always) static func key(_ x: Double) -> UInt64 {
        let b = x.bitPattern
        return b & (1 << 63) != 0 ? ~b : b | (1 << 63)
    }

    @inline(__always) static func value(_ k: UInt64) -> Double {
        Double(bitPattern: k & (1 << 63) != 0 ? k & ~(1 << 63) : ~k)
    }

    /// Sorts `x` ascending in place, moving `payload` (same count) along.
    static func sort(_ x: UnsafeMutableBufferPointer<Double>, payload: UnsafeMutableBufferPointer<Double>?) {
        let n = x.count
        guard n > 1 else { return }
        if n < 64 {   // insertion sort for tiny blocks
            for i in 1..<n {
                let v = x[i], p = payload?[i]
                var j = i - 1
                while j >= 0 && x[j] > v { x[j + 1] = x[j]; if let payload { payload[j + 1] = payload[j] }; j -= 1 }
                x[j + 1] = v
                if let payload, let p { payload[j + 1] = p }
            }
            return
        }
        var keys = [UInt64](unsafeUninitializedCapacity: n) { b, c in for i in 0..<n { b[i] = key(x[i]) }; c = n }
        var counts = [Int](repeating: 0, count: 8 * 256)
        for k in keys { for byte in 0..<8 { counts[byte * 256 + Int((k >> (8 * UInt64(byte))) & 0xFF)] += 1 } }
        var keys2 = [UInt64](repeating: 0, count: n)
        var pay = payload.map { p in [Double](unsafeUninitializedCapacity: n) { b, c in for i in 0..<n { b[i] = p[i] }; c = n } }
        var pay2 = payload == nil ? nil : [Double](repeating: 0, count: n)
        for byte in 0..<8 {
            let base = byte * 256
            if counts[base + Int((keys[0] >> (8 * UInt64(byte))) & 0xFF)] == n { continue }   // all keys share this byte
            var offsets = [Int](repeating: 0, count: 256)
            var run = 0
            for d in 0..<256 { offsets[d] = run; run += counts[base + d] }
            let shift = 8 * UInt64(byte)
            keys.withUnsafeBufferPointer { src in
                keys2.withUnsafeMutableBufferPointer { dst in
                    if pay != nil {
                        pay!.withUnsafeBufferPointer { ps in
                            pay2!.withUnsafeMutableBufferPointer { pd in
                                for i in 0..<n {
                                    let d = Int((src[i] >> shift) & 0xFF)
                                    let o = offsets[d]; offsets[d] = o + 1
                                    dst[o] = src[i]; pd[o] = ps[i]
                                }
                            }
                        }
                    } else {
                        for i in 0..<n {
                            let d = Int((src[i] >> shift) & 0xFF)
                            let o = offsets[d]; offsets[d] = o + 1
                            dst[o] = src[i]
                        }
                    }
                }
            }
            swap(&keys, &keys2)
            if pay != nil { swap(&pay, &pay2) }
        }
        for i in 0..<n { x[i] = value(keys[i]) }
        if let payload, let pay { for i in 0..<n { payload[i] = pay[i] } }
    }
}
