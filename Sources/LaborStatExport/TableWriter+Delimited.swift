import LaborStatTable

/// CSV (RFC 4180) and TSV.
///
/// A field is quoted when it contains the delimiter, a double quote, CR or LF, or starts or ends
/// with a space (which many readers would trim); quotes inside are doubled. A missing value is an
/// empty field; an empty text value is written `""` so that the two stay apart (as R's
/// `write.csv` does). TSV uses the same quoting with a tab delimiter (as pandas' `to_csv(sep="\t")`),
/// so that a tab or line break inside a cell survives a round trip.
extension TableWriter {
    static func writeDelimited(_ table: Table, delimiter: UInt8, options: WriteOptions, to sink: ByteSink) throws(ExportError) {
        let eol: [UInt8] = options.crlf ? [13, 10] : [10]
        let guardOn = options.formulaGuard
        func field(_ s: String, isText: Bool) {
            let s = guardOn && isText ? FormulaGuard.apply(s) : s
            if s.isEmpty { sink.append("\"\""); return }
            if needsQuotes(s, delimiter: delimiter) {
                sink.append(byte: UInt8(ascii: "\""))
                for b in s.utf8 {
                    if b == UInt8(ascii: "\"") { sink.append(byte: b) }
                    sink.append(byte: b)
                }
                sink.append(byte: UInt8(ascii: "\""))
            } else {
                sink.append(s)
            }
        }
        for (i, c) in table.columns.enumerated() {
            if i > 0 { sink.append(byte: delimiter) }
            field(c.name, isText: true)
        }
        sink.append(bytes: eol)
        let cells = table.columns.map { CellText($0, options: options) }
        for r in table.rowIndices {
            for (i, c) in cells.enumerated() {
                if i > 0 { sink.append(byte: delimiter) }
                if let s = c.text(r) { field(s, isText: c.kind == .text) }
            }
            sink.append(bytes: eol)
            try sink.rowDone()
        }
    }

    static func needsQuotes(_ s: String, delimiter: UInt8) -> Bool {
        let u = s.utf8
        if u.first == UInt8(ascii: " ") || u.last == UInt8(ascii: " ") { return true }
        for b in u where b == delimiter || b == UInt8(ascii: "\"") || b == 10 || b == 13 { return true }
        return false
    }
}
