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
        let keys = table.columns.enumerated().map { Array((($0.offset > 0 ? ", " : "") + jsonString($0.element.name) + ": ").utf8) }
        let values = table.columns.map { JSONColumn($0, options: options) }
        let wrapped = !options.metadata.isEmpty
        let rowStart = Array((wrapped ? "    {" : "  {").utf8)
        let separator = Array(("," + eol).utf8)
        if wrapped {
            sink.append("{" + eol + "  \"meta\": {")
            for (i, (k, v)) in options.metadata.enumerated() {
                sink.append((i > 0 ? ", " : "") + jsonString(k) + ": " + jsonString(v))
            }
            sink.append("}," + eol + "  \"rows\": [")
        } else {
            sink.append("[")
        }
        var first = true
        for r in table.rowIndices {
            sink.append(bytes: first ? Array(eol.utf8) : separator)
            first = false
            sink.append(bytes: rowStart)
            for (i, v) in values.enumerated() {
                sink.append(bytes: keys[i])
                v.append(row: r, to: sink)
            }
            sink.append(byte: UInt8(ascii: "}"))
            try sink.rowDone()
        }
        if !first { sink.append(eol + (wrapped ? "  " : "")) }
        sink.append(wrapped ? "]" + eol + "}" + eol : "]" + eol)
    }

    /// A JSON string literal (RFC 8259): `"` and `\` escaped, control characters as `\n`, `\t`, or
    /// `\u00XX`, U+2028/U+2029 escaped (JavaScript-safe); everything else written as UTF-8.
    static func jsonString(_ s: String) -> String {
        let sink = ByteSink { _ in }
        appendJSONString(Array(s.utf8), to: sink)
        return String(decoding: sink.buffer, as: UTF8.self)
    }

    static func appendJSONString<C: Collection>(_ bytes: C, to sink: ByteSink) where C.Element == UInt8 {
        sink.append(byte: 0x22)
        var pending: [UInt8] = []   // E2 80 seen: maybe U+2028/U+2029
        for b in bytes {
            if !pending.isEmpty {
                if pending.count == 1 {
                    if b == 0x80 { pending.append(b); continue }
                } else if b == 0xA8 || b == 0xA9 {
                    sink.append(b == 0xA8 ? "\\u2028" : "\\u2029")
                    pending.removeAll()
                    continue
                }
                sink.append(bytes: pending)
                pending.removeAll()
            }
            switch b {
            case 0x22: sink.append("\\\"")
            case 0x5C: sink.append("\\\\")
            case 0x0A: sink.append("\\n")
            case 0x0D: sink.append("\\r")
            case 0x09: sink.append("\\t")
            case 0xE2: pending.append(b)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                sink.append(bytes: Array("\\u00".utf8) + [hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: sink.append(byte: b)
            }
        }
        sink.append(bytes: pending)
        sink.append(byte: 0x22)
    }
}

/// Writes one column's JSON values as bytes.
struct JSONColumn {
    private enum Source {
        case integer([Int64])
        case levels(codes: [UInt32], encoded: [[UInt8]])
        case text(TextBuffer)
        case dates([Int32], DatePrecision)
        case boolean([Bool])
        case decimal([Double], CellText)
        case general(CellText)
    }
    private let source: Source
    private let missing: MissingMask
    private let dateCache = DateCache()
    private static let null = Array("null".utf8)

    init(_ column: Column, options: WriteOptions) {
        missing = column.missing
        let cells = CellText(column, options: options)
        switch column.storage {
        case .integer(let v) where options.fixedDecimals[column.name] == nil: source = .integer(v)
        case .category(let codes, let levels):
            source = .levels(codes: codes, encoded: levels.map { Array(TableWriter.jsonString($0).utf8) })
        case .text(let t): source = .text(t)
        case .date(let v, let p): source = .dates(v, p)
        case .boolean(let v): source = .boolean(v)
        case .decimal(let v): source = .decimal(v, cells)
        default: source = .general(cells)
        }
    }

    func append(row r: Int, to sink: ByteSink) {
        if missing[r] { sink.append(bytes: JSONColumn.null); return }
        switch source {
        case .integer(let v): sink.appendInteger(v[r])
        case .levels(let codes, let encoded): sink.append(bytes: encoded[Int(codes[r])])
        case .text(let t):
            t.bytes.withUnsafeBufferPointer { all in
                TableWriter.appendJSONString(UnsafeBufferPointer(rebasing: all[t.offsets[r]..<t.offsets[r + 1]]), to: sink)
            }
        case .dates(let v, let p):
            sink.append(byte: 0x22)
            sink.append(bytes: dateCache.bytes(v[r], p))
            sink.append(byte: 0x22)
        case .boolean(let v): sink.append(v[r] ? "true" : "false")
        case .decimal(let v, let cells):
            if !v[r].isFinite {
                sink.append(bytes: JSONColumn.null)
            } else if cells.isShortest {
                sink.appendShortest(v[r])
            } else {
                sink.append(cells.decimal(v[r]))
            }
        case .general(let cells):
            // Integers with fixed decimals: a JSON number such as 3.00.
            if let s = cells.text(r) { sink.append(s) } else { sink.append(bytes: JSONColumn.null) }
        }
    }
}
