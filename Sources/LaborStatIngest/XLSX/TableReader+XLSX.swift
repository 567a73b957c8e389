import LaborStatTable

extension TableReader {
    /// A table from a sheet's sparse rows, with the sheet's notes (error values read as missing …)
    /// on the table for the caller to show.
    static func table(fromSheet sheet: XLSXSheet, path: String, options: ReadOptions) throws(IngestError) -> Table {
        var table = try table(fromRows: sheet.rows, rowNumbers: sheet.rowNumbers,
                              source: TableSource(path: path, format: "xlsx", sheet: sheet.name), options: options)
        table.notes += sheet.notes
        return table
    }
}
