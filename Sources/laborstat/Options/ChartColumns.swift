import LaborStat

/// Turns table columns into the charts module's input (which does not know the table model).
enum ChartColumns {
    /// The rows in view of a column (or a period key such as `opened:year`): numbers stay numbers,
    /// dates become fractional years (month m of year y at y + (m − 1)/12) labelled as the contract
    /// prints them, text and categories stay text. Problem cells are an error (`requireClean`).
    static func column(_ table: Table, _ key: KeySpec) throws -> ChartColumn {
        let base = try table.column(named: key.column)
        try base.requireClean()
        let col = try table.keyColumn(key)
        let rows = table.rowIndices
        let name = key.period == nil ? base.name : key.description
        switch col.storage {
        case .integer, .decimal, .boolean:
            return ChartColumn(name, numbers: rows.map { col.double(at: $0) }, isTime: key.period == .year)
        case .date(let days, let precision):
            var years: [Double?] = [], labels: [String?] = []
            for r in rows {
                if col.isMissing(r) { years.append(nil); labels.append(nil); continue }
                let (y, m, d) = CivilDate.civil(days[r])
                let dim = Double(CivilDate.daysInMonth(year: y, month: m))
                years.append(Double(y) + (Double(m - 1) + Double(d - 1) / dim) / 12)
                labels.append(CivilDate.format(days[r], precision: precision))
            }
            return ChartColumn(name, numbers: years, isTime: true, labels: labels)
        case .category, .text:
            return ChartColumn(name, text: rows.map { col.string(at: $0) })
        }
    }

    /// China's provincial-level divisions on the regions module's tile grid (`ProvinceTileGrid`),
    /// each tile found from any spelling `compare` accepts (`RegionMatcher`).
    static func provinceGrid() throws -> TileGrid {
        let all = Province.all
        let index = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.code, $0) })
        let tiles = all.map { p in
            let at = ProvinceTileGrid.positions[p.code]!
            return (label: p.shortName, row: at.row, col: at.col)
        }
        return TileGrid(tiles: tiles) { spelling in
            switch RegionMatcher.standard.match(spelling) {
            case .province(let p): return index[p.code]
            case .none: return nil
            case .ambiguous(let names): throw RegionError.invalid("\"\(spelling)\" could be \(names.joined(separator: " or "))")
            }
        }
    }
}
