import Foundation
import LaborStatTable

/// The schema-and-quality facts `laborstat inspect` shows for one column.
public struct ColumnProfile: Sendable {
    public var name: String
    /// `integer`, `decimal`, `date` (with `/month`, `/quarter`, `/year` when coarser than a day),
    /// `boolean`, `category`, `text`.
    public var type: String
    public var unit: String?
    public var nonMissing: Int
    /// Missing cells, problem cells included (they are missing in storage).
    public var missing: Int
    public var distinct: Int
    /// Smallest and largest value as text (numbers by value, dates by time, text by code point).
    public var min: String?
    public var max: String?
    /// The first non-missing value.
    public var example: String?
    public var problemCount: Int

    public init(_ column: Column) {
        name = column.name
        unit = column.unit
        problemCount = column.problemCount
        let n = column.count
        missing = column.missingCount
        nonMissing = n - missing
        let m = column.missing
        var firstRow: Int? = nil
        for r in 0..<n where !m[r] { firstRow = r; break }
        example = firstRow.flatMap { column.string(at: $0) }
        switch column.storage {
        case .integer(let v):
            type = "integer"
            var set = DistinctCounter(expected: Swift.min(n, 1 << 16))
            var lo = Int64.max, hi = Int64.min
            for r in 0..<n where !m[r] { let x = v[r]; set.insert(UInt64(bitPattern: x)); if x < lo { lo = x }; if x > hi { hi = x } }
            distinct = set.count
            if set.count > 0 { min = String(lo); max = String(hi) }
        case .decimal(let v):
            type = "decimal"
            var set = DistinctCounter(expected: Swift.min(n, 1 << 16))
            var lo = Double.infinity, hi = -Double.infinity
            for r in 0..<n where !m[r] { let x = v[r]; set.insert((x == 0 ? 0.0 : x).bitPattern); if x < lo { lo = x }; if x > hi { hi = x } }
            distinct = set.count
            if set.count > 0 { min = NumberText.shortest(lo); max = NumberText.shortest(hi) }
        case .date(let v, let p):
            type = p == .day ? "date" : "date/\(["day", "month", "quarter", "year"][p.rawValue])"
            var set = DistinctCounter(expected: 4096)
            var lo = Int32.max, hi = Int32.min
            for r in 0..<n where !m[r] { let x = v[r]; set.insert(UInt64(UInt32(bitPattern: x))); if x < lo { lo = x }; if x > hi { hi = x } }
            distinct = set.count
            if set.count > 0 { min = CivilDate.format(lo, precision: p); max = CivilDate.format(hi, precision: p) }
        case .boolean(let v):
            type = "boolean"
            var t = false, f = false
            for r in 0..<n where !m[r] { if v[r] { t = true } else { f = true } }
            distinct = (t ? 1 : 0) + (f ? 1 : 0)
            if t || f { min = f ? "false" : "true"; max = t ? "true" : "false" }
        case .category(let codes, let levels):
            type = "category"
            var used = [Bool](repeating: false, count: levels.count)
            for r in 0..<n where !m[r] { used[Int(codes[r])] = true }
            let present = levels.indices.filter { used[$0] }.map { levels[$0] }
            distinct = present.count
            min = present.min { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            max = present.max { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        case .text(let t):
            type = "text"
            // Distinct values by hashing the bytes (no String per cell); min/max by byte order.
            var interner = ByteInterner(capacity: 1024)
            var lo = -1, hi = -1
            t.bytes.withUnsafeBufferPointer { b in
                var zero: UInt8 = 0
                withUnsafePointer(to: &zero) { z in
                    func cell(_ r: Int) -> (UnsafePointer<UInt8>, Int) {
                        let a = t.offsets[r], e = t.offsets[r + 1]
                        return e > a ? (b.baseAddress! + a, e - a) : (z, 0)
                    }
                    func less(_ x: Int, _ y: Int) -> Bool {
                        let (p, n) = cell(x), (q, m) = cell(y)
                        let c = memcmp(p, q, Swift.min(n, m))
                        return c < 0 || (c == 0 && n < m)
                    }
                    for r in 0..<n where !m[r] {
                        let (p, len) = cell(r)
                        _ = interner.intern(p, len)
                        if lo < 0 || less(r, lo) { lo = r }
                        if hi < 0 || less(hi, r) { hi = r }
                    }
                }
            }
            distinct = interner.count
            min = lo >= 0 ? t[lo] : nil
            max = hi >= 0 ? t[hi] : nil
        }
    }

    /// The profiles as a table with the contract's columns:
    /// `column, type, unit, non_missing, missing, distinct, min, max, example`.
    public static func table(_ profiles: [ColumnProfile]) -> Table {
        let cols = [
            Column("column", strings: profiles.map(\.name)),
            Column("type", strings: profiles.map(\.type)),
            Column("unit", strings: profiles.map(\.unit)),
            Column("non_missing", integers: profiles.map { Int64($0.nonMissing) }),
            Column("missing", integers: profiles.map { Int64($0.missing) }),
            Column("distinct", integers: profiles.map { Int64($0.distinct) }),
            Column("min", strings: profiles.map(\.min)),
            Column("max", strings: profiles.map(\.max)),
            Column("example", strings: profiles.map(\.example)),
        ]
        return try! Table(columns: cols)
    }
}

/// Counts distinct 64-bit keys with open addressing (several times faster than `Set` for a million
/// numbers: no hashing seed, no resizing from scratch, no generic code).
struct DistinctCounter {
    private var table: [UInt64]
    private var mask: Int
    private var hasZero = false
    private(set) var count = 0

    init(expected: Int) {
        var size = 1024
        while size < expected * 2 { size <<= 1 }
        table = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    mutating func insert(_ key: UInt64) {
        if key == 0 { if !hasZero { hasZero = true; count += 1 }; return }
        var i = Self.slot(key, mask)
        while true {
            let k = table[i]
            if k == key { return }
            if k == 0 { table[i] = key; count += 1; break }
            i = (i + 1) & mask
        }
        if count * 2 > table.count { grow() }
    }

    /// MurmurHash3's finalizer: every key bit reaches the low bits (doubles like 12700.0 have
    /// dozens of zero low bits).
    @inline(__always) static func slot(_ key: UInt64, _ mask: Int) -> Int {
        var h = key
        h ^= h >> 33
        h &*= 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h &*= 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int(truncatingIfNeeded: h) & mask
    }

    private mutating func grow() {
        let old = table
        table = [UInt64](repeating: 0, count: old.count * 2)
        mask = table.count - 1
        for k in old where k != 0 {
            var i = Self.slot(k, mask)
            while table[i] != 0 { i = (i + 1) & mask }
            table[i] = k
        }
    }
}
