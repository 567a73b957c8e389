import LaborStatTable

/// CSV (RFC 4180) and TSV.
///
/// A field is quoted when it contains the delimiter, a double quote, CR or LF, or starts or ends
/// with a space (which many readers would trim); quotes inside are doubled. A missing value is an
/// empty field; an empty text value is written `""` so that the two stay apart (as R's
/// `write.csv` does). TSV uses the same quoting with a tab delimiter (as pandas' `to_csv(sep="\t")`),
/// so that a tab or line break inside a cell survives a round trip.
///
/// Cells go into the output buffer as bytes: integers are formatted in place, a category's levels
/// are encoded once, text is copied from the column's UTF-8 buffer, dates are cached per day.
extension TableWriter {
    static func writeDelimited(_ table: Table, delimiter: UInt8, options: WriteOptions, to sink: ByteSink) throws(ExportError) {
        let eol: [UInt8] = options.crlf ? [13, 10] : [10]
        let field = FieldEncoder(delimiter: delimiter, formulaGuard: options.formulaGuard)
        for (i, c) in table.columns.enumerated() {
            if i > 0 { sink.append(byte: delimiter) }
            field.append(Array(c.name.utf8), isText: true, to: sink)
        }
        sink.append(bytes: eol)
        let writers = table.columns.map { DelimitedColumn($0, options: options, field: field) }
        for r in table.rowIndices {
            for (i, w) in writers.enumerated() {
                if i > 0 { sink.append(byte: delimiter) }
                w.append(row: r, to: sink)
            }
            sink.append(bytes: eol)
            try sink.rowDone()
        }
    }

    static func needsQuotes(_ s: String, delimiter: UInt8) -> Bool {
        FieldEncoder.needsQuotes(Array(s.utf8), delimiter: delimiter)
    }
}

/// Quoting and the formula guard on the UTF-8 bytes of one field.
///
/// The formula guard: a text cell a spreadsheet would run as a formula gets a leading `'`.
/// Excel, LibreOffice and Google Sheets treat a cell starting with `=`, `+`, `-` or `@` as a
/// formula (OWASP "CSV Injection"); tab and CR are stripped by some importers before that check,
/// and Excel folds the full-width forms `＝＋－＠` typed with a Chinese input method to ASCII.
/// Numbers are never changed: only category and text columns (and the header) are guarded.
struct FieldEncoder {
    let delimiter: UInt8
    let formulaGuard: Bool

    func append<C: Collection>(_ bytes: C, isText: Bool, to sink: ByteSink) where C.Element == UInt8 {
        let guarded = formulaGuard && isText && FieldEncoder.startsFormula(bytes)
        if bytes.isEmpty { sink.append(bytes: [0x22, 0x22]); return }
        if FieldEncoder.needsQuotes(bytes, delimiter: delimiter) {
            sink.append(byte: 0x22)
            if guarded { sink.append(byte: UInt8(ascii: "'")) }
            for b in bytes {
                if b == 0x22 { sink.append(byte: b) }
                sink.append(byte: b)
            }
            sink.append(byte: 0x22)
        } else {
            if guarded { sink.append(byte: UInt8(ascii: "'")) }
            sink.append(bytes: bytes)
        }
    }

    func encoded(_ s: String, isText: Bool) -> [UInt8] {
        let scratch = ByteSink { _ in }
        append(Array(s.utf8), isText: isText, to: scratch)
        return scratch.buffer
    }

    /// `=`, `+`, `-`, `@`, tab, CR, or full-width `＝＋－＠` (U+FF1D, U+FF0B, U+FF0D, U+FF20) first,
    /// except a plain signed number (`-3.5`, `+1e-7`): a spreadsheet reads that as the number it
    /// is, so it is not a formula (defusedcsv makes the same exception), and `inspect`'s min/max or
    /// a text column of codes such as `-1` stay readable.
    static func startsFormula<C: Collection>(_ b: C) -> Bool where C.Element == UInt8 {
        guard let first = b.first else { return false }
        switch first {
        case UInt8(ascii: "+"), UInt8(ascii: "-"): return !isPlainNumber(b)
        case UInt8(ascii: "="), UInt8(ascii: "@"), 9, 13: return true
        case 0xEF:
            var i = b.makeIterator()
            _ = i.next()
            guard i.next() == 0xBC, let third = i.next() else { return false }
            return third == 0x9D || third == 0x8B || third == 0x8D || third == 0xA0
        default: return false
        }
    }

    /// `[+-]digits[.digits][e[+-]digits]`, with at least one digit before the exponent.
    static func isPlainNumber<C: Collection>(_ b: C) -> Bool where C.Element == UInt8 {
        var it = b.makeIterator()
        guard let sign = it.next(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return false }
        var digits = 0, seenPoint = false, seenExp = false, expDigits = 0, prev: UInt8 = sign
        while let c = it.next() {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): if seenExp { expDigits += 1 } else { digits += 1 }
            case UInt8(ascii: "."): if seenPoint || seenExp { return false }; seenPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): if seenExp || digits == 0 { return false }; seenExp = true
            case UInt8(ascii: "+"), UInt8(ascii: "-"): if !(prev == UInt8(ascii: "e") || prev == UInt8(ascii: "E")) { return false }
            default: return false
            }
            prev = c
        }
        return digits > 0 && (!seenExp || expDigits > 0)
    }

    /// The delimiter, `"`, CR or LF anywhere, or a space at either end.
    static func needsQuotes<C: Collection>(_ b: C, delimiter: UInt8) -> Bool where C.Element == UInt8 {
        var last: UInt8 = 0
        var first = true
        for c in b {
            if first && c == 0x20 { return true }
            first = false
            if c == delimiter || c == 0x22 || c == 10 || c == 13 { return true }
            last = c
        }
        return last == 0x20
    }
}

/// Writes one column's cells as bytes.
struct DelimitedColumn {
    private enum Source {
        case integer([Int64])
        case levels(codes: [UInt32], encoded: [[UInt8]])
        case text(TextBuffer)
        case dates([Int32], DatePrecision)
        case shortest([Double])
        case general(CellText)
    }
    private let source: Source
    private let missing: MissingMask
    private let field: FieldEncoder
    private let dateCache = DateCache()

    init(_ column: Column, options: WriteOptions, field: FieldEncoder) {
        self.missing = column.missing
        self.field = field
        let cells = CellText(column, options: options)
        switch column.storage {
        case .integer(let v) where options.fixedDecimals[column.name] == nil: source = .integer(v)
        case .category(let codes, let levels): source = .levels(codes: codes, encoded: levels.map { field.encoded($0, isText: true) })
        case .text(let t): source = .text(t)
        case .date(let v, let p): source = .dates(v, p)
        case .decimal(let v) where options.fixedDecimals[column.name] == nil && options.digits == nil && options.decimals == nil: source = .shortest(v)
        default: source = .general(cells)
        }
    }

    func append(row r: Int, to sink: ByteSink) {
        if missing[r] { return }
        switch source {
        case .integer(let v): sink.appendInteger(v[r])
        case .levels(let codes, let encoded): sink.append(bytes: encoded[Int(codes[r])])
        case .text(let t):
            t.bytes.withUnsafeBufferPointer { all in
                field.append(UnsafeBufferPointer(rebasing: all[t.offsets[r]..<t.offsets[r + 1]]), isText: true, to: sink)
            }
        case .dates(let v, let p): sink.append(bytes: dateCache.bytes(v[r], p))
        case .shortest(let v): sink.appendShortest(v[r])   // never needs quotes: digits, '.', '-', 'e', NaN, Inf
        case .general(let cells):
            if let s = cells.text(r) { field.append(Array(s.utf8), isText: cells.kind == .text, to: sink) }
        }
    }
}

/// ISO text of dates, formatted once per distinct day (dates repeat a lot in registers).
final class DateCache {
    private var cache: [Int32: [UInt8]] = [:]
    func bytes(_ day: Int32, _ p: DatePrecision) -> [UInt8] {
        if let b = cache[day] { return b }
        let b = Array(CivilDate.format(day, precision: p).utf8)
        if cache.count < 1 << 16 { cache[day] = b }
        return b
    }
}
