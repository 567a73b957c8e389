/// The `COL:B1/B2/…` key: a numeric column grouped into bands at the breaks B1 < B2 < …, each band
/// closed below and open above, `[B1, B2)`, the last one open-ended (`age:16/21/31/41/51` gives
/// the age groups of the NBS monitoring report: 16–20, 21–30, 31–40, 41–50, 51+).
///
/// Values below the first break form their own band (`<16`), never dropped; a missing value stays
/// missing. Bands are an ordered category, so tables list them in break order. Labels: for an
/// integer column with whole breaks `16–20` (the last `51+`), otherwise `[16, 21)` (`≥51`).
extension Table {
    /// The breaks of a band key, or nil when `name` is not one (no colon, or not increasing numbers).
    public static func bandBreaks(_ name: String) -> (column: String, breaks: [Double])? {
        guard let colon = name.lastIndex(of: ":"), colon != name.startIndex else { return nil }
        let parts = name[name.index(after: colon)...].split(separator: "/", omittingEmptySubsequences: false)
        var breaks: [Double] = []
        for p in parts {
            guard let v = Double(p), v.isFinite else { return nil }
            if let last = breaks.last, v <= last { return nil }
            breaks.append(v)
        }
        return breaks.isEmpty ? nil : (String(name[..<colon]), breaks)
    }

    public static func isBandKey(_ name: String) -> Bool { bandBreaks(name) != nil }

    /// The table with a category column named `KEY` for every band key among `names`.
    public func addingBandKeys(_ names: [String]) throws(TableError) -> Table {
        var t = self
        for key in Set(names).sorted() where !t.columnNames.contains(key) {
            guard let (base, breaks) = Table.bandBreaks(key) else { continue }
            let column = try t.column(named: base)
            guard column.type == .integer || column.type == .decimal else {
                throw .badKey(key, reason: "column \"\(column.name)\" is \(column.type.rawValue); bands need numbers")
            }
            let whole = column.type == .integer && breaks.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 }
            let labels = Table.bandLabels(breaks, whole: whole)
            var codes = [UInt32](repeating: 0, count: physicalRowCount)
            var missing = [Bool](repeating: true, count: physicalRowCount)
            for r in 0..<physicalRowCount {
                guard let v = column.double(at: r), !v.isNaN else { continue }
                // Band 0 is "below the first break"; band k holds [breaks[k-1], breaks[k]).
                var k = 0
                while k < breaks.count && v >= breaks[k] { k += 1 }
                codes[r] = UInt32(k)
                missing[r] = false
            }
            // Only the bands that occur, in break order: an empty "<16" band is not a level.
            let used = Set(codes.indices.filter { !missing[$0] }.map { codes[$0] })
            let kept = (0..<labels.count).filter { used.contains(UInt32($0)) }
            var newCode = [UInt32](repeating: 0, count: labels.count)
            for (i, k) in kept.enumerated() { newCode[k] = UInt32(i) }
            for r in codes.indices where !missing[r] { codes[r] = newCode[Int(codes[r])] }
            var band = Column(name: key, storage: .category(codes: codes, levels: kept.map { labels[$0] }), missing: MissingMask(missing))
            band.levelsOrdered = true
            try t.append(band)
        }
        return t
    }

    static func bandLabels(_ breaks: [Double], whole: Bool) -> [String] {
        func text(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v) }
        var labels = ["<\(text(breaks[0]))"]
        for k in 0..<breaks.count {
            if k == breaks.count - 1 {
                labels.append(whole ? "\(text(breaks[k]))+" : "≥\(text(breaks[k]))")
            } else {
                labels.append(whole ? "\(text(breaks[k]))–\(text(breaks[k + 1] - 1))" : "[\(text(breaks[k])), \(text(breaks[k + 1])))")
            }
        }
        return labels
    }
}
