#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LaborStatTable

/// Writes result tables as CSV, TSV, Markdown or JSON (the contract's "Writing output").
///
/// ```swift
/// var options = WriteOptions()
/// options.format = .markdown
/// options.fixedDecimals = ["sum_amount_owed": 2]
/// try TableWriter.write(result, to: "out.md", options: options)
/// ```
///
/// A file is written to a temporary sibling (`.NAME.tmp-PID`), flushed to disk (`fsync`) and renamed
/// over the target, so a failed run never leaves half a file and the old file stays intact.
/// Standard output is used when the path is nil or `-`; a closed pipe (`| head`) ends the output
/// quietly instead of killing the process with SIGPIPE.
public enum TableWriter {
    /// The bytes of `table` in the chosen format and encoding.
    public static func render(_ table: Table, options: WriteOptions = WriteOptions()) throws(ExportError) -> [UInt8] {
        if options.format == .xlsx { return try workbook(table, options: options).bytes() }
        var out: [UInt8] = []
        try produce(table, options: options) { (chunk: [UInt8]) throws(ExportError) in out += chunk }
        return out
    }

    /// Writes to `path`, or standard output when `path` is nil or `-`.
    /// XLSX: `options.appendTo` names an existing LaborStat workbook whose sheets come first; the
    /// result goes to `path`, or back to that workbook when `path` is nil.
    public static func write(_ table: Table, to path: String?, options: WriteOptions = WriteOptions()) throws(ExportError) {
        if options.format == .xlsx {
            try workbook(table, options: options).write(to: path ?? options.appendTo)
            return
        }
        if let path, path != "-" {
            try OutputFile.replace(path) { (write: @escaping ([UInt8]) throws(ExportError) -> Void) throws(ExportError) in
                try produce(table, options: options, deliver: write)
            }
        } else {
            let out = StandardOutput()
            try produce(table, options: options) { (chunk: [UInt8]) throws(ExportError) in try out.write(chunk) }
        }
    }

    /// The workbook for one table: a new one, or the `appendTo` workbook with the table as a new sheet.
    static func workbook(_ table: Table, options: WriteOptions) throws(ExportError) -> XLSXWorkbook {
        var book = XLSXWorkbook()
        if let existing = options.appendTo, FileManager.default.fileExists(atPath: existing) {
            book = try XLSXWorkbook.existing(path: existing)
        }
        let name = options.sheetName
            ?? WorkbookSheet.uniqueName(options.defaultSheetName ?? "Sheet\(book.sheets.count + 1)", taken: book.sheetNames)
        try book.add(WorkbookSheet(name: name, table: table, options: options))
        return book
    }

    /// Renders in chunks of about 1 MiB, each already encoded, and hands them to `deliver`.
    static func produce(_ table: Table, options: WriteOptions, deliver: @escaping ([UInt8]) throws(ExportError) -> Void) throws(ExportError) {
        var options = options
        if options.format == .json { options.fullPrecision = true }   // JSON is for programs: every digit
        let encoder = options.encoding == .gb18030 ? try GB18030Encoder() : nil
        let sink = ByteSink { (chunk: [UInt8]) throws(ExportError) in
            try deliver(encoder != nil ? try encoder!.encode(chunk) : chunk)
        }
        sink.fullPrecision = options.fullPrecision
        if options.bom && options.encoding == .utf8 { sink.append(bytes: [0xEF, 0xBB, 0xBF]) }
        switch options.format {
        case .csv: try writeDelimited(table, delimiter: UInt8(ascii: ","), options: options, to: sink)
        case .tsv: try writeDelimited(table, delimiter: UInt8(ascii: "\t"), options: options, to: sink)
        case .markdown: try writeMarkdown(table, options: options, to: sink)
        case .json: try writeJSON(table, options: options, to: sink)
        case .xlsx: sink.append(bytes: try workbook(table, options: options).bytes())
        }
        try sink.flush()
    }
}
