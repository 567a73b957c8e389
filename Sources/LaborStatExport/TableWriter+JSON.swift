import LaborStatTable

/// JSON: an array of objects, one per row, keys in column order; missing (and NaN/±Inf) as `null`,
/// numbers as JSON numbers, dates as ISO strings, booleans as `true`/`false`.
///
/// When `WriteOptions.metadata` is non-empty (the rules an output depends on: quantile rule,
/// weighting, CI method), the document is `{"meta": {name: value, …}, "rows": [ …the array… ]}`;
/// without metadata it stays a plain array, as `CLI.md` says.
extension TableWriter {
    static func writeJSON(_ table: Table, options: WriteOptions, to sink: ByteSink) throws(ExportError) {
        let eol = options.crlf ? "\r\n" : "\n"
        let cells = table.columns.map { CellText($0, options: options) }
        let keys = table.columns.map { jsonString($0.name) + ": " }
        let wrapped = !options.metadata.isEmpty
        var indent = "  "
        if wrapped {
            sink.append("{" + eol + "  \"meta\": {")
            for (i, (k, v)) in options.metadata.enumerated() {
                sink.append((i > 0 ? ", " : "") + jsonString(k) + ": " + jsonString(v))
            }
            sink.append("}," + eol + "  \"rows\": [")
            indent = "    "
        } else {
            sink.append("[")
        }
        var first = true
        for r in table.rowIndices {
            sink.append((first ? "" : ",") + eol + indent + "{")
            first = false
            for (i, c) in cells.enumerated() {
                if i > 0 { sink.append(", ") }
                sink.append(keys[i])
                sink.append(jsonValue(c, row: r))
            }
            sink.append("}")
            try sink.rowDone()
        }
        if !first { sink.append(eol + (wrapped ? "  " : "")) }
        sink.append(wrapped ? "]" + eol + "}" + eol : "]" + eol)
    }

    static func jsonValue(_ c: CellText, row r: Int) -> String {
        guard let s = c.text(r) else { return "null" }
        switch c.column.storage {
        case .integer: return s
        case .decimal: return c.finiteDouble(r) == nil ? "null" : s
        case .boolean: return s
        default: return jsonString(s)
        }
    }

    /// A JSON string literal (RFC 8259): `"` and `\` escaped, control characters as `\n`, `\t`, or
    /// `\u00XX`; everything else written as UTF-8.
    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }
}
