import LaborStatTable

extension TableReader {
    /// A table from a sheet's sparse rows, with the sheet's notes (error values read as missing …)
    /// on the table for the caller to show. Columns stay the sheet's (column `j` is sheet column
    /// `j + 1`): the layout finder skips the empty columns left of a table that starts at B3, so
    /// `#N` and places in messages are those of the sheet.
    static func table(fromSheet sheet: XLSXSheet, path: String, options: ReadOptions) throws(IngestError) -> Table {
        var table = try table(fromRows: sheet.rows, rowNumbers: sheet.rowNumbers,
                              source: TableSource(path: path, format: "xlsx", sheet: sheet.name), options: options)
        table.notes += sheet.notes
        return table
    }
}
