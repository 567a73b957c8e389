/// `chart bar|hbar|stacked-bar|tilemap --agg sum|mean|count`: one value per place in the chart
/// from rows that repeat a place (the same x, colour and facet), instead of refusing them.
public enum ChartAggregate: String, Sendable, CaseIterable {
    case sum, mean, count

    /// The name of the value axis for a column `y` under this aggregate (`sum of 涉及人数`).
    public func title(_ y: String?) -> String {
        switch self {
        case .count: "count"
        case .sum: "sum of \(y ?? "")"
        case .mean: "mean of \(y ?? "")"
        }
    }
}

extension ChartData {
    /// One row per distinct (x, colour, facet), in first-seen order; y is the sum, the mean of
    /// the non-missing values (missing when none), or the number of rows. Error-bar columns
    /// cannot be combined this way and must be absent.
    public func aggregated(_ agg: ChartAggregate) throws -> ChartData {
        guard low == nil, high == nil else { throw ChartError.invalid("error bars (low, high) cannot be aggregated; aggregate the table first") }
        if agg != .count, y == nil { throw ChartError.invalid("a \(agg.rawValue) needs a y column") }
        struct Key: Hashable { var x: String?; var color: String?; var facet: String? }
        var order: [Key] = []
        var first: [Key: Int] = [:]
        var sums: [Key: Double] = [:]
        var counts: [Key: Int] = [:]
        var rows: [Key: Int] = [:]
        for i in 0..<rowCount {
            let k = Key(x: x.label(i), color: color?.label(i), facet: facet?.label(i))
            if first[k] == nil { first[k] = i; order.append(k) }
            rows[k, default: 0] += 1
            if let v = y?.number(i) { sums[k, default: 0] += v; counts[k, default: 0] += 1 }
        }
        func pick(_ column: ChartColumn?) -> ChartColumn? {
            guard var c = column else { return nil }
            let idx = order.map { first[$0]! }
            switch c.values {
            case .numbers(let v): c.values = .numbers(idx.map { v[$0] })
            case .text(let v): c.values = .text(idx.map { v[$0] })
            }
            if let l = c.labels { c.labels = idx.map { l[$0] } }
            return c
        }
        let values: [Double?] = order.map { k in
            switch agg {
            case .count: return Double(rows[k]!)
            case .sum: return counts[k] == nil ? nil : sums[k]!
            case .mean: return counts[k].map { sums[k]! / Double($0) }
            }
        }
        let yName = agg == .count ? "count" : (y?.name ?? "")
        return ChartData(x: pick(x)!, y: ChartColumn(yName, numbers: values), color: pick(color), facet: pick(facet))
    }
}
