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

    /// The tiles of China's provincial-level divisions (the regions module's grid, short names)
    /// with the values of `y` placed by the spellings in `x` (any spelling `compare` accepts).
    /// Unknown spellings and provinces given twice are errors naming the data rows.
    static func provinceTiles(x: ChartColumn, y: ChartColumn, file: String) throws -> [Tile] {
        guard case .numbers(let values) = y.values else {
            throw ChartError.invalid("tilemap needs numbers in --y; column \"\(y.name)\" holds text")
        }
        var pairs: [(String, Double?)] = []
        for i in 0..<x.count {
            guard let s = x.label(i) else { continue }
            pairs.append((s, values[i]))
        }
        return try ProvinceTileGrid.tiles(spellings: pairs, column: x.name, file: file)
            .map { Tile(label: $0.label, row: $0.row, col: $0.col, value: $0.value) }
    }
}
