import Dispatch
import LaborStatTable

/// The non-missing values of one numeric column (and their weights) gathered into one contiguous
/// block per group, so that medians, quantiles and Gini coefficients can sort each block in place.
///
/// A counting sort by group number: one pass to count, one to place: O(n), no per-group arrays.
/// Rows whose value is missing are left out; the weights are the caller's checked `Weights`.
public struct GroupedValues: Sendable {
    /// Group k's values are `values[offsets[k] ..< offsets[k + 1]]`.
    public private(set) var offsets: [Int]
    public private(set) var values: [Double]
    public private(set) var weights: [Double]?
    /// Rows in view per group whose value was missing.
    public private(set) var missing: [Int]
    public private(set) var isSorted = false

    public var groupCount: Int { offsets.count - 1 }
    public func count(_ k: Int) -> Int { offsets[k + 1] - offsets[k] }

    public init(_ column: Column, rows: RowIndices, groupOfRow: [UInt32], groupCount: Int, weights: Weights? = nil) {
        let mask = column.missing
        let n = rows.count
        // Physical row of each row in view (nil: the identity, the common case).
        let physical: [Int32]? = n == column.count ? nil : (0..<n).map { Int32(rows[$0]) }
        var counts = [Int](repeating: 0, count: groupCount)
        var miss = [Int](repeating: 0, count: groupCount)
        for i in 0..<n {
            let r = physical.map { Int($0[i]) } ?? i
            if !mask.isEmpty && mask[r] { miss[Int(groupOfRow[i])] += 1 } else { counts[Int(groupOfRow[i])] += 1 }
        }
        var offsets = [Int](repeating: 0, count: groupCount + 1)
        for k in 0..<groupCount { offsets[k + 1] = offsets[k] + counts[k] }
        var next = Array(offsets.dropLast())
        let total = offsets[groupCount]
        var vals = [Double](repeating: 0, count: total)
        var ws = [Double](repeating: 0, count: weights == nil ? 0 : total)
        let wv = weights?.values ?? []
        let weighted = weights != nil
        // One counting-sort placement pass over unsafe buffers (no captured mutable state).
        func place<T: NumericCell>(_ v: [T]) {
            v.withUnsafeBufferPointer { vb in
                groupOfRow.withUnsafeBufferPointer { gb in
                    vals.withUnsafeMutableBufferPointer { out in
                        ws.withUnsafeMutableBufferPointer { wout in
                            wv.withUnsafeBufferPointer { win in
                                next.withUnsafeMutableBufferPointer { nx in
                                    for i in 0..<n {
                                        let r = physical.map { Int($0[i]) } ?? i
                                        if !mask.isEmpty && mask[r] { continue }
                                        let k = Int(gb[i])
                                        let j = nx[k]
                                        nx[k] = j + 1
                                        out[j] = vb[r].doubleValue
                                        if weighted { wout[j] = win[r] }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        switch column.storage {
        case .integer(let v): place(v)
        case .decimal(let v): place(v)
        case .boolean(let v): place(v)
        default: break
        }
        self.offsets = offsets
        self.values = vals
        self.weights = weighted ? ws : nil
        self.missing = miss
    }

    /// Sorts each group's block ascending by value (weights follow), groups in parallel, by an
    /// LSD radix sort (`RadixSort`).
    public mutating func sort() {
        guard !isSorted else { return }
        let offsets = self.offsets
        let g = groupCount
        values.withUnsafeMutableBufferPointer { vb in
            nonisolated(unsafe) let v = vb.baseAddress!
            if weights != nil {
                weights!.withUnsafeMutableBufferPointer { wb in
                    nonisolated(unsafe) let w = wb.baseAddress!
                    DispatchQueue.concurrentPerform(iterations: g) { k in
                        let lo = offsets[k], n = offsets[k + 1] - lo
                        RadixSort.sort(UnsafeMutableBufferPointer(start: v + lo, count: n), payload: UnsafeMutableBufferPointer(start: w + lo, count: n))
                    }
                }
            } else {
                DispatchQueue.concurrentPerform(iterations: g) { k in
                    let lo = offsets[k], n = offsets[k + 1] - lo
                    RadixSort.sort(UnsafeMutableBufferPointer(start: v + lo, count: n), payload: nil)
                }
            }
        }
        isSorted = true
    }

    /// Calls `body` with group k's values and weights (nil when unweighted).
    public func withGroup<R>(_ k: Int, _ body: (UnsafeBufferPointer<Double>, UnsafeBufferPointer<Double>?) throws -> R) rethrows -> R {
        let lo = offsets[k], hi = offsets[k + 1]
        return try values.withUnsafeBufferPointer { vb in
            let v = UnsafeBufferPointer(rebasing: vb[lo..<hi])
            guard let weights else { return try body(v, nil) }
            return try weights.withUnsafeBufferPointer { wb in try body(v, UnsafeBufferPointer(rebasing: wb[lo..<hi])) }
        }
    }

    /// Quantiles of group k (requires `sort()`): Hyndman–Fan types on unweighted data, the
    /// weighted rules on weighted data (an unweighted HF type with weights uses survey's `hfN` rule).
    public func quantiles(_ k: Int, rule: QuantileRule, probabilities: [Double]) -> [Double] {
        precondition(isSorted, "sort() first")
        return withGroup(k) { v, w in
            if w == nil, rule.hyndmanFanType != nil { return probabilities.map { rule.quantile(sorted: v, p: $0) } }
            var out = [Double](repeating: .nan, count: probabilities.count)
            out.withUnsafeMutableBufferPointer { rule.weightedQuantiles(sorted: v, weights: w, probabilities: probabilities, into: $0) }
            return out
        }
    }
}
