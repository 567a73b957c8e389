import LaborStatTable

/// Reads CSV/TSV/TXT and XLSX files into a `Table`, typing every column by looking at all its cells.
///
/// ```swift
/// import LaborStatIngest
/// let table = try TableReader.read(path: "欠薪案件.csv")
/// print(table.columnNames)
/// ```
public enum TableReader {
    /// Reads a file (`-` is standard input); the format comes from the extension and the content.
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws(IngestError) -> Table {
        throw IngestError.unsupported("not yet implemented: reading \(path)")
    }
}
