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
            var set = Set<Int64>()
            var lo = Int64.max, hi = Int64.min
            for r in 0..<n where !m[r] { let x = v[r]; set.insert(x); if x < lo { lo = x }; if x > hi { hi = x } }
            distinct = set.count
            if !set.isEmpty { min = String(lo); max = String(hi) }
        case .decimal(let v):
            type = "decimal"
            var set = Set<Double>()
            var lo = Double.infinity, hi = -Double.infinity
            for r in 0..<n where !m[r] { let x = v[r]; set.insert(x); if x < lo { lo = x }; if x > hi { hi = x } }
            distinct = set.count
            if !set.isEmpty { min = NumberText.shortest(lo); max = NumberText.shortest(hi) }
        case .date(let v, let p):
            type = p == .day ? "date" : "date/\(["day", "month", "quarter", "year"][p.rawValue])"
            var set = Set<Int32>()
            var lo = Int32.max, hi = Int32.min
            for r in 0..<n where !m[r] { let x = v[r]; set.insert(x); if x < lo { lo = x }; if x > hi { hi = x } }
            distinct = set.count
            if !set.isEmpty { min = CivilDate.format(lo, precision: p); max = CivilDate.format(hi, precision: p) }
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
            var set = Set<String>()
            var lo: String? = nil, hi: String? = nil
            for r in 0..<n where !m[r] {
                let s = t[r]
                set.insert(s)
                if lo == nil || Array(s.utf8).lexicographicallyPrecedes(Array(lo!.utf8)) { lo = s }
                if hi == nil || Array(hi!.utf8).lexicographicallyPrecedes(Array(s.utf8)) { hi = s }
            }
            distinct = set.count
            min = lo
            max = hi
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
