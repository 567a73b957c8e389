import Foundation
import LaborStat

/// `aggregate` over a file read in slices (`TableReader.scan`): counts, sums and means accumulated
/// per slice into groups keyed by the key values, so memory holds one slice, not the whole file.
///
/// The output is byte-for-byte that of the whole-table path: groups sorted as `Grouping` sorts them
/// (text by code point, numbers by value, missing last); sums exact as `GroupSums` makes them —
/// integer columns in integers, decimal columns with at most 4 decimals as scaled integers printed
/// with the input's decimals — with the same overflow bound (rows × max |value| < 2⁶³) decided over
/// the whole file. A slice may type a column differently (integer here, decimal there): the sums
/// are kept in units of 10⁻⁴ in `Int128`, so they are exact whatever scale each slice has.
/// Whenever the result could differ from the whole-table path (a compensated sum would be needed,
/// key types differ between slices, the file is not UTF-8, or a bad cell, whose message must count
/// every bad cell of the column), `NotStreamable` is thrown and the caller reads the file whole.
struct AggregateStream {
    /// The sums of one value column over every slice so far.
    struct Sums {
        /// Σ value × 10⁴ per global group.
        var scaled: [Int128] = []
        var count: [Int] = []
        var anyDecimal = false
        /// Some slice had a value (and so a numeric type).
        var typed = false
        /// Largest decimals of a slice (the whole column's scale).
        var decimals = 0
        /// max |v| over the stored values of integer slices (as `GroupSums` bounds an integer column).
        var maxAbsStored: UInt64 = 0
        /// max |v| over the values in view.
        var maxAbsInView = 0.0

        mutating func grow(to n: Int) {
            if scaled.count < n { scaled += [Int128](repeating: 0, count: n - scaled.count); count += [Int](repeating: 0, count: n - count.count) }
        }
    }

    struct NotStreamable: Error {}

    var groups: StreamKeys
    let sumColumns: [String]
    var counts: [Int64] = []
    var sums: [String: Sums] = [:]
    /// The actual (resolved) name of each requested sum/mean column.
    var resolved: [String: String] = [:]
    var rowsInView = 0

    static let scale4: Int128 = 10_000

    init(keys: [KeySpec], sumColumns: [String]) {
        groups = StreamKeys(keys)
        self.sumColumns = sumColumns
    }

    /// Adds one slice (rows in view only).
    mutating func add(_ table: Table) throws {
        let grouping = try Grouping(table, by: groups.keys)
        let global = try groups.globalGroups(grouping, rowCount: table.rowCount)
        let n = groups.count
        if counts.count < n { counts += [Int64](repeating: 0, count: n - counts.count) }
        for (g, size) in grouping.sizes.enumerated() { counts[global[g]] += Int64(size) }
        let rows = table.rowIndices
        rowsInView += rows.count
        let sel = rows.count == table.rowCount && table.selection == nil ? nil : (0..<rows.count).map { Int32(rows[$0]) }
        for name in sumColumns {
            let column = try table.column(named: name)
            resolved[name] = column.name
            var s = sums[column.name] ?? Sums()
            s.grow(to: n)
            try Self.accumulate(column, sel: sel, groupOfRow: grouping.groupOfRow, localGroups: grouping.groupCount,
                                global: global, into: &s)
            sums[column.name] = s
        }
    }

    /// One slice of one column into `s`: exact Int64 sums per local group at the slice's scale,
    /// then added to the global Int128 sums in units of 10⁻⁴.
    static func accumulate(_ column: Column, sel: [Int32]?, groupOfRow: [UInt32], localGroups: Int, global: [Int],
                           into s: inout Sums) throws {
        let missing = column.missing
        let n = groupOfRow.count
        if missing.missingCount == column.count { return }   // nothing to add (whatever this slice typed it as)
        // A bad cell: the whole read reports it with the count of all bad cells of the column.
        if column.problemCount > 0 { throw NotStreamable() }
        try column.requireNumeric()
        var local = [Int64](repeating: 0, count: localGroups)
        var count = [Int](repeating: 0, count: localGroups)
        var decimals = 0
        /// Σ toInt(v) and the count per local group over the rows in view, and max |v| among them.
        func run<T>(_ v: [T], _ magnitude: (T) -> Double, _ toInt: (T) -> Int64) -> Double {
            var m = 0.0
            v.withUnsafeBufferPointer { vb in
                groupOfRow.withUnsafeBufferPointer { gb in
                    local.withUnsafeMutableBufferPointer { sb in
                        count.withUnsafeMutableBufferPointer { cb in
                            if sel == nil && missing.isEmpty {
                                for i in 0..<n {
                                    let x = vb[i], k = Int(gb[i])
                                    sb[k] &+= toInt(x); cb[k] += 1
                                    m = Swift.max(m, magnitude(x))
                                }
                            } else {
                                for i in 0..<n {
                                    let r = sel.map { Int($0[i]) } ?? i
                                    if !missing.isEmpty && missing[r] { continue }
                                    let x = vb[r], k = Int(gb[i])
                                    sb[k] &+= toInt(x); cb[k] += 1
                                    m = Swift.max(m, magnitude(x))
                                }
                            }
                        }
                    }
                }
            }
            return m
        }
        switch column.storage {
        case .integer(let v):
            var maxAbs: UInt64 = 0
            for x in v { maxAbs = Swift.max(maxAbs, x.magnitude) }
            let (bound, o) = maxAbs.multipliedReportingOverflow(by: UInt64(Swift.max(n, 1)))
            guard !o, bound < UInt64(Int64.max) else { throw NotStreamable() }
            s.maxAbsStored = Swift.max(s.maxAbsStored, maxAbs)
            s.maxAbsInView = Swift.max(s.maxAbsInView, run(v, { Double($0.magnitude) }, { $0 }))
        case .decimal(let v):
            guard let (d, maxAbs) = GroupSums.decimalScale(v, sel: sel, missing: missing) else { throw NotStreamable() }
            let (bound, o) = maxAbs.multipliedReportingOverflow(by: UInt64(Swift.max(n, 1)))
            guard !o, bound < UInt64(Int64.max) else { throw NotStreamable() }
            s.anyDecimal = true
            decimals = d
            let scale = pow(10, Double(d))
            s.maxAbsInView = Swift.max(s.maxAbsInView, run(v, { Swift.abs($0) }, { Int64(DecimalScale.nearest($0 * scale)) }))
        default:
            throw NotStreamable()   // booleans: compensated sums in the whole-table path
        }
        s.typed = true
        s.decimals = Swift.max(s.decimals, decimals)
        var factor: Int128 = 1
        for _ in decimals..<DecimalScale.maxDecimals { factor *= 10 }
        for g in 0..<localGroups {
            s.scaled[global[g]] += Int128(local[g]) * factor
            s.count[global[g]] += count[g]
        }
    }

    /// The result: key columns, then count, sum_C…, mean_C… in the order `stats` names them.
    func result(count wantCount: Bool, stats: [(String, [String])], outName: (String, String) throws -> String,
                decimals: inout [String: Int]) throws -> (keys: [Column], values: [Column]) {
        let order = groups.order
        let keyColumns = groups.keyColumns(order: order)
        var columns: [Column] = []
        if wantCount { columns.append(Column("count", integers: order.map { counts[$0] })) }
        let n = UInt64(Swift.max(rowsInView, 1))
        for (stat, names) in stats {
            for name in names {
                let real = resolved[name] ?? name
                guard var s = sums[real], s.typed else { throw NotStreamable() }   // no values: let the whole read type it
                s.grow(to: groups.count)
                let label = try outName(stat, real)
                let d = s.decimals
                var divisor: Int128 = 1
                for _ in d..<DecimalScale.maxDecimals { divisor *= 10 }
                // The whole column's bound, as GroupSums decides between exact and compensated sums.
                let maxAbs = s.anyDecimal ? UInt64((s.maxAbsInView * pow(10, Double(d))).rounded()) : s.maxAbsStored
                let (bound, o) = maxAbs.multipliedReportingOverflow(by: n)
                guard !o, bound < UInt64(Int64.max) else { throw NotStreamable() }
                let exact = order.map { Int64(s.scaled[$0] / divisor) }
                let sum = exact.map { Double($0) / pow(10, Double(d)) }
                if stat == "mean" {
                    columns.append(Column(label, doubles: order.indices.map { i in
                        let c = s.count[order[i]]
                        return c > 0 ? sum[i] / Double(c) : nil
                    }))
                } else if !s.anyDecimal {
                    columns.append(Column(label, integers: exact))
                } else {
                    columns.append(Column(label, doubles: sum))
                    if d > 0 { decimals[label] = d }
                }
            }
        }
        return (keyColumns, columns)
    }
}
