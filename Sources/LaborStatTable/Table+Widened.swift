/// Long to wide for presentation: one row per combination of `rows`, one column per value of
/// `columns` holding `value` (a share by age group and year becomes a row per age group with a
/// column per year, as statistical yearbooks print it). Nothing is computed: two rows for the same
/// cell are an error, never summed; a combination with no row is an empty cell.
extension Table {
    public func widened(rows keys: [String], columns key: String, value: String) throws(TableError) -> Table {
        let keyColumns = try keys.map { name throws(TableError) in try column(named: name) }
        let spread = try column(named: key), values = try column(named: value)
        var levels: [String] = [], levelIndex: [Value: Int] = [:]
        var outRows: [Int] = [], rowIndex: [[Value]: Int] = [:]
        var cell: [[Int: Int]] = []   // per output row: level → source row
        for r in rowIndices {
            let rk = keyColumns.map { $0.value(at: r) }
            let level = spread.value(at: r)
            if levelIndex[level] == nil { levelIndex[level] = levels.count; levels.append(spread.string(at: r) ?? "") }
            let out: Int
            if let i = rowIndex[rk] { out = i } else {
                out = outRows.count
                rowIndex[rk] = out
                outRows.append(r)
                cell.append([:])
            }
            guard cell[out][levelIndex[level]!] == nil else {
                let shown = (keyColumns + [spread]).map { $0.string(at: r) ?? "" }.joined(separator: ", ")
                throw .shapeMismatch("two rows hold the cell (\(shown)) of the wide table; pick one with the command's options first")
            }
            cell[out][levelIndex[level]!] = r
        }
        var columns = keyColumns.map { $0.gathering(outRows.map { Int32($0) }) }
        for (j, name) in levels.enumerated() {
            let rows = cell.map { $0[j] }
            switch values.storage {
            case .integer: columns.append(Column(name, integers: rows.map { $0.flatMap { values.int64(at: $0) } }, unit: values.unit))
            case .decimal: columns.append(Column(name, doubles: rows.map { $0.flatMap { values.double(at: $0) } }, unit: values.unit))
            default: columns.append(Column(name, strings: rows.map { $0.flatMap { values.string(at: $0) } }))
            }
        }
        return try Table(columns: columns)
    }
}

private extension Column {
    func int64(at row: Int) -> Int64? {
        if case .integer(let v) = value(at: row) { return v }
        return nil
    }
}
