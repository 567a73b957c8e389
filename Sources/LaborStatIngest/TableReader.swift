import Foundation
import LaborStatTable

/// Reads CSV/TSV/TXT and XLSX files into a `Table`, typing every column by looking at all its cells.
///
/// ```swift
/// import LaborStatIngest
/// var options = ReadOptions()
/// options.columns = ["province", "amount_owed"]      // read only what is needed
/// let table = try TableReader.read(path: "欠薪案件.csv", options: options)
/// print(table.columnNames, table.source?.encoding ?? "")
/// ```
///
/// Types, missing values and number forms are those of the contract (`CLI.md`, "Reading input");
/// the typing rule is `InferenceRule`. Cells that almost read as their column's type are kept as
/// `Column.problems` with their `FILE:LINE:COLUMN`.
public enum TableReader {
    /// Reads a file (`-` is standard input); the format comes from the extension (`.xlsx`) and
    /// otherwise is delimited text.
    public static func read(path: String, options: ReadOptions = ReadOptions()) throws(IngestError) -> Table {
        if path.lowercased().hasSuffix(".xlsx") {
            return try table(fromSheet: XLSXReader.sheet(path: path, sheet: options.sheet), path: path, options: options)
        }
        let input = try InputBuffer.open(path: path)
        let display = path == "-" ? "<stdin>" : path
        if XLSXArchive.looksLikeZIP(UnsafeRawBufferPointer(start: input.base, count: input.count)) {
            // An .xlsx on standard input (or under another name) is a workbook, not text.
            let bytes = Array(UnsafeBufferPointer(start: input.base, count: input.count))
            return try table(fromSheet: XLSXReader.rows(bytes: bytes, sheet: options.sheet, name: display), path: display, options: options)
        }
        let decoded = try TextDecoding.decode(input, requested: options.encoding, path: display)
        return try CSVLoader.load(decoded, path: display, options: options)
    }

    /// Reads a file in slices of about `sliceBytes` of text, calling `body` with each slice's table
    /// in file order, so that only one slice is in memory at a time (for one pass over a file larger
    /// than memory, e.g. a group-by). Each slice is typed by itself with the same rules as `read`
    /// (a column can be integer in one slice and decimal in another); problem cells and errors carry
    /// the `FILE:LINE:COLUMN` of the whole file. XLSX files and standard input come as one slice.
    ///
    /// Returns false — possibly after some slices were delivered, which the caller must then
    /// discard — when the text turns out not to be UTF-8 and must be read whole (`read` decodes it
    /// as GB18030).
    public static func scan(path: String, options: ReadOptions = ReadOptions(), sliceBytes: Int = 64 << 20,
                            body: (Table) throws -> Void) throws -> Bool {
        if path.lowercased().hasSuffix(".xlsx") || path == "-" {
            try body(try read(path: path, options: options))
            return true
        }
        let input = try InputBuffer.open(path: path)
        let decoded = try TextDecoding.decode(input, requested: options.encoding, path: path)
        return try CSVLoader.scan(decoded, path: path, options: options, sliceBytes: sliceBytes, body: body)
    }

    /// Reads delimited text held in memory (already UTF-8, or with a BOM, or GB18030 as bytes), or
    /// an .xlsx workbook (told by its ZIP signature).
    public static func read(bytes: [UInt8], name: String = "<memory>", options: ReadOptions = ReadOptions()) throws(IngestError) -> Table {
        if bytes.withUnsafeBytes({ XLSXArchive.looksLikeZIP($0) }) {
            return try table(fromSheet: XLSXReader.rows(bytes: bytes, sheet: options.sheet, name: name), path: name, options: options)
        }
        let decoded = try TextDecoding.decode(InputBuffer(bytes: bytes), requested: options.encoding, path: name)
        return try CSVLoader.load(decoded, path: name, options: options)
    }

    /// Types a grid of cells (nil = empty) with the same rules as a CSV file, after finding the
    /// table in it as `TableLayout` does (title rows, unit line, header rows, totals and notes left
    /// out). Used by the XLSX reader: column `j` is sheet column `j + 1`, and row `i` is sheet row
    /// `rowNumbers[i]` (sparse rows, as `XLSXSheet` has them; nil means row `i + 1`), so problem
    /// cells are located as `FILE:ROW:COLUMN` of the sheet, and `#N` is column N.
    public static func table(fromRows rows: [[String?]], rowNumbers: [Int]? = nil, source: TableSource, options: ReadOptions = ReadOptions()) throws(IngestError) -> Table {
        guard !rows.isEmpty else {
            do { return try Table(columns: [], source: source) } catch { throw .table(error) }
        }
        let width = rows.map(\.count).max() ?? 0
        let text = rows.map { $0.map(LayoutCells.trimmed) }
        let numbers = rowNumbers ?? Array(1...rows.count)
        let headCount = min(rows.count, TableLayout.headRows)
        var layout = try TableLayout.header(Array(text.prefix(headCount)), rowNumbers: Array(numbers.prefix(headCount)), width: width,
                                            options: options, path: source.path)
        let bodyStart = layout.header.dataStart
        if bodyStart < rows.count {
            layout.screen(Array(text[bodyStart...]), rowNumbers: Array(numbers[bodyStart...]), complete: true, keepTotals: options.keepTotals)
        }
        let left = Set(layout.leftOut.map { $0 + bodyStart })
        let kept = (bodyStart..<rows.count).filter { !left.contains($0) }
        let dataRows = kept.map { rows[$0] }
        let names = layout.names
        var wanted = Array(0..<width)
        if let requested = options.columns {
            var set = Set<Int>()
            for name in requested { set.insert(try CSVLoader.resolve(name, in: names)) }
            wanted = set.sorted()
        }
        var forced: [Int: ColumnType] = [:]
        for (key, t) in options.columnTypes { forced[try CSVLoader.resolve(key, in: names)] = t }
        let classifier = CellClassifier(options: options)
        var columns: [Column] = []
        for c in wanted {
            // One buffer of the column's cells, spans into it.
            var bytes: [UInt8] = []
            var spans: [FieldSpan] = []
            spans.reserveCapacity(dataRows.count)
            for row in dataRows {
                let start = bytes.count
                if c < row.count, let s = row[c] { bytes.append(contentsOf: s.utf8) }
                spans.append(FieldSpan(start: start, length: bytes.count - start, complex: false))
            }
            bytes.append(0)
            let builder = ColumnBuilder(classifier: classifier, name: names[c], forced: forced[c])
            let assembler = ColumnAssembler(name: names[c], forced: forced[c], keepText: options.keepText)
            var column: Column! = nil
            var problems: [RawProblem] = []
            bytes.withUnsafeBufferPointer { buf in
                let cells = CellSource(base: buf.baseAddress!, baseOffset: -1, spans: spans)
                var parts = [builder.build(cells)]
                (column, problems, _) = assembler.assemble(&parts) { _, mode, unit in
                    builder.build(cells, mode: mode, expectedUnit: unit)
                }
            }
            column.problems = problems.map { q in
                CellProblem(location: SourceLocation(file: source.path, line: numbers[kept[q.row]], column: c + 1),
                            column: names[c], value: q.value, expected: q.expected, reason: q.reason, hint: q.hint)
            }
            column.filePosition = c + 1
            columns.append(column)
        }
        columns = try layout.finish(columns, options: options, path: source.path)
        var laidOut = source
        if !layout.facts.isPlain { laidOut.layout = layout.facts }
        do { return try Table(columns: columns, source: laidOut) } catch { throw .table(error) }
    }
}
