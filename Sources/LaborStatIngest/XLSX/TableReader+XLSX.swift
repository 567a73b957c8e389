import LaborStatTable

extension TableReader {
    /// A table from a sheet's sparse rows, with the sheet's notes (error values read as missing …)
    /// on the table for the caller to show.
    /// Columns left of the first one holding a value (a table that starts at B3) are not columns
    /// of the table; places in messages stay those of the sheet.
    static func table(fromSheet sheet: XLSXSheet, path: String, options: ReadOptions) throws(IngestError) -> Table {
        var rows = sheet.rows
        let left = sheet.computedRange?.firstColumn ?? 0
        if left > 0 { rows = rows.map { Array($0.dropFirst(left)) } }
        var table = try table(fromRows: rows, rowNumbers: sheet.rowNumbers, firstColumn: left,
                              source: TableSource(path: path, format: "xlsx", sheet: sheet.name), options: options)
        table.notes += sheet.notes
        return table
    }
}
