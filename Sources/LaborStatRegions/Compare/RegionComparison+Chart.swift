/// What `compare --svg` and `chart tilemap` draw, in plain types (the charts module does not
/// depend on this one; the CLI turns these into `Chart.hbar` and `Chart.tilemap`).
public struct RegionChartData: Sendable {
    /// Ranked bar chart: one bar per region of the result, its interval when there is one.
    public var labels: [String]
    public var values: [Double?]
    public var low: [Double?]?
    public var high: [Double?]?
    /// The baseline, drawn as a reference line, and its name ("national" or a region).
    public var baseline: Double?
    public var baselineName: String
    /// Tile map: all 34 divisions at their `ProvinceTileGrid` places (see `provinceTileValues`).
    public var tiles: [ProvinceTile]
}

/// One square of the tile map.
public struct ProvinceTile: Sendable, Equatable {
    /// The short name (陕西, 内蒙古).
    public var label: String
    public var code: Int
    public var row: Int
    public var col: Int
    public var value: Double?
}

extension RegionComparison {
    public var chartData: RegionChartData {
        let hasSE = errorMethod != nil
        return RegionChartData(
            labels: rows.map(\.group.name), values: rows.map(\.value),
            low: hasSE ? rows.map(\.ciLow) : nil, high: hasSE ? rows.map(\.ciHigh) : nil,
            baseline: baselineValue, baselineName: baselineName,
            tiles: ProvinceTileGrid.tiles(values: provinceTileValues))
    }
}

extension ProvinceTileGrid {
    /// All 34 tiles, with the values given by six-digit code (missing: nil).
    public static func tiles(values: [Int: Double]) -> [ProvinceTile] {
        Province.all.map { p in
            let at = positions[p.code]!
            return ProvinceTile(label: p.shortName, code: p.code, row: at.row, col: at.col, value: values[p.code])
        }
    }

    /// All 34 tiles from (spelling, value) pairs in any spelling `compare` accepts (陕西, Shaanxi,
    /// 610000 …). A spelling that names no division, or a division given twice, is an error.
    public static func tiles(spellings: [(String, Double?)], column: String = "x", file: String? = nil) throws(RegionError) -> [ProvinceTile] {
        var values: [Int: Double] = [:]
        var seen: [Int: Int] = [:]
        var bad: [UnmatchedSpelling] = []
        for (i, (s, v)) in spellings.enumerated() {
            guard case .province(let p) = RegionMatcher.standard.match(s) else {
                if let j = bad.firstIndex(where: { $0.text == s }) { bad[j].count += 1; if bad[j].rows.count < 5 { bad[j].rows.append(i + 1) } }
                else { bad.append(UnmatchedSpelling(text: s, count: 1, rows: [i + 1])) }
                continue
            }
            if let first = seen[p.code] {
                throw .invalid("\(file.map { "\($0): " } ?? "")column \"\(column)\": \(p.shortName) appears twice (data rows \(first) and \(i + 1)); a tile map takes one value per province — aggregate first (laborstat compare)")
            }
            seen[p.code] = i + 1
            if let v { values[p.code] = v }
        }
        if !bad.isEmpty {
            throw .unmatched(column: column, file: file, unmatched: bad, ambiguous: [], level: .province)
        }
        return tiles(values: values)
    }
}

extension RegionComparison {
    /// Tile-map values: at province level each province's value; at region4/region7 each province
    /// takes its region's value (so the map shows the regions); at custom level, roots that are
    /// provinces.
    public var provinceTileValues: [Int: Double] {
        var out: [Int: Double] = [:]
        for p in Province.all {
            let row: Row?
            switch spec.level {
            case .province, .custom: row = rows.first { $0.group.code == p.code }
            case .region4: row = rows.first { $0.group.matched && $0.group.name == p.region4 }
            case .region7: row = rows.first { $0.group.matched && $0.group.name == p.region7 }
            }
            if let v = row?.value { out[p.code] = v }
        }
        return out
    }
}
