import Foundation
import LaborStat

/// `trend` over a file read in slices (`StreamKeys.scan`): unweighted sum, mean or count per
/// (group, period) cell, so memory holds one slice and the cells, not whole columns.
///
/// The result is that of `GroupedSeries(table:…)` on the whole table, bit for bit: each cell's
/// total is the same Double running sum `total += 1·v` taken in file order (slices come in file
/// order and add straight into the global cells), the count the same `+= 1`; the cells then go
/// through the same `GroupedSeries(kind:keys:lo:span:…)` step, groups in `Grouping`'s order.
/// Whenever the result could differ (a slice types the time or value column differently, a bad
/// cell, whose message must count every bad cell of the column, too many cells), `NotStreamable`
/// is thrown and the caller reads the file whole.
struct TrendStream {
    var groups: StreamKeys
    let time: KeySpec
    let value: String?
    let aggregate: TrendAggregate
    var kind: PeriodKind?
    /// The value column's unit in the slices that typed it (must agree).
    var valueUnit: String??
    /// Cells g·span + (p − lo) over the global groups and the periods seen so far.
    var lo = 0, span = 0
    var total: [Double] = [], weightSum: [Double] = [], used: [Bool] = []
    var rowsInView = 0

    init(by: [KeySpec], time: KeySpec, value: String?, aggregate: TrendAggregate) {
        groups = StreamKeys(by)
        self.time = time
        self.value = value
        self.aggregate = aggregate
    }

    /// Re-lays the cells out for `groupCount` groups and periods `newLo ..< newLo + newSpan`.
    mutating func resize(groupCount: Int, lo newLo: Int, span newSpan: Int) throws {
        let oldGroups = span == 0 ? 0 : used.count / span
        if newLo == lo && newSpan == span {
            let extra = (groupCount - oldGroups) * span
            total += [Double](repeating: 0, count: extra); weightSum += [Double](repeating: 0, count: extra)
            used += [Bool](repeating: false, count: extra)
            return
        }
        // The whole-table path refuses these (an error the whole read then reports).
        guard newSpan <= 1 << 20, groupCount.multipliedReportingOverflow(by: newSpan).partialValue <= 1 << 26 else {
            throw AggregateStream.NotStreamable()
        }
        var t = [Double](repeating: 0, count: groupCount * newSpan), w = t
        var u = [Bool](repeating: false, count: groupCount * newSpan)
        for g in 0..<oldGroups {
            for k in 0..<span {
                let from = g * span + k, to = g * newSpan + (lo - newLo) + k
                t[to] = total[from]; w[to] = weightSum[from]; u[to] = used[from]
            }
        }
        (total, weightSum, used, lo, span) = (t, w, u, newLo, newSpan)
    }

    /// Adds one slice (rows in view only).
    mutating func add(_ table: Table) throws {
        let grouping = try Grouping(table, by: groups.keys)
        let global = try groups.globalGroups(grouping, rowCount: table.rowCount)
        rowsInView += table.rowCount
        // Time: a date column with a named period, or integer years (text periods: whole read).
        switch try table.column(named: time.column).storage {
        case .date: guard time.period != nil else { throw AggregateStream.NotStreamable() }
        case .integer: break
        default: throw AggregateStream.NotStreamable()
        }
        let periods = try PeriodColumn(table, key: time)
        if let kind, kind != periods.kind { throw AggregateStream.NotStreamable() }
        kind = periods.kind
        var y: [Double]? = nil
        if let value {
            let column = try table.column(named: value)
            if column.missing.missingCount == column.count { return }   // no value: no row counts
            if column.problemCount > 0 { throw AggregateStream.NotStreamable() }
            switch column.storage {
            case .integer, .decimal: break
            default: throw AggregateStream.NotStreamable()
            }
            if let valueUnit, valueUnit != column.unit { throw AggregateStream.NotStreamable() }
            valueUnit = .some(column.unit)
            y = try column.physicalDoubles()
        }
        let rows = table.rowIndices
        var sLo = Int32.max, sHi = Int32.min
        periods.index.withUnsafeBufferPointer { p in
            for r in rows where p[r] != PeriodColumn.missing { sLo = min(sLo, p[r]); sHi = max(sHi, p[r]) }
        }
        if sLo > sHi && groups.count * span == used.count { return }
        var newLo = lo, newHi = lo + span - 1
        if sLo <= sHi {
            if span == 0 { newLo = Int(sLo); newHi = Int(sHi) } else { newLo = min(lo, Int(sLo)); newHi = max(newHi, Int(sHi)) }
        }
        try resize(groupCount: groups.count, lo: newLo, span: span == 0 && sLo > sHi ? 0 : newHi - newLo + 1)
        guard span > 0 else { return }
        let (lo, span) = (self.lo, self.span)
        periods.index.withUnsafeBufferPointer { p in
            grouping.groupOfRow.withUnsafeBufferPointer { g in
                total.withUnsafeMutableBufferPointer { t in
                    weightSum.withUnsafeMutableBufferPointer { w in
                        used.withUnsafeMutableBufferPointer { u in
                            var i = 0
                            for r in rows {
                                let pi = p[r], k = global[Int(g[i])]
                                i += 1
                                if pi == PeriodColumn.missing { continue }
                                let v = y?[r] ?? 1
                                if v.isNaN { continue }
                                let c = k * span + (Int(pi) - lo)
                                t[c] += 1 * v   // as the whole-table path: Σ w·v with w = 1
                                w[c] += 1
                                u[c] = true
                            }
                        }
                    }
                }
            }
        }
    }

    /// The series per group, as `GroupedSeries(table:…)` gives them for the whole table.
    func result(zeroFill: Bool) throws -> GroupedSeries {
        guard rowsInView > 0, let kind else { throw AggregateStream.NotStreamable() }
        let order = groups.order
        let keys = groups.keyColumns(order: order)
        guard span <= 1 << 20, order.count.multipliedReportingOverflow(by: span).partialValue <= 1 << 26 else {
            throw AggregateStream.NotStreamable()   // the whole read reports "too many cells"
        }
        guard span > 0 else {
            return GroupedSeries(kind: kind, keys: keys,
                                 series: [PeriodSeries](repeating: PeriodSeries(kind: kind, periods: [], values: []), count: order.count))
        }
        var cellUsed = [Bool](repeating: false, count: order.count * span)
        var values = [Double](repeating: .nan, count: order.count * span)
        for (j, g) in order.enumerated() {
            for k in 0..<span where g * span + k < used.count && used[g * span + k] {
                let c = g * span + k
                cellUsed[j * span + k] = true
                switch aggregate {
                case .sum: values[j * span + k] = total[c]
                case .count: values[j * span + k] = weightSum[c]
                default: values[j * span + k] = total[c] / weightSum[c]
                }
            }
        }
        return GroupedSeries(kind: kind, keys: keys, lo: lo, span: span, used: cellUsed, values: values,
                             zeroFill: zeroFill && (aggregate == .sum || aggregate == .count))
    }
}
