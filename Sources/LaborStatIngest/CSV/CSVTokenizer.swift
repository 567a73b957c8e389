/// A field's place in the bytes: `start` (relative to a base), byte `length`, and whether it is a
/// quoted field that needs unquoting (doubled quotes, text after the closing quote). Simple quoted
/// fields (`"a,b"`) point at their inner text and need nothing.
@usableFromInline struct FieldSpan: Sendable {
    @usableFromInline var packed: UInt64
    @inlinable init(start: Int, length: Int, complex: Bool) {
        packed = UInt64(truncatingIfNeeded: start) << 32 | UInt64(truncatingIfNeeded: length) << 1 | (complex ? 1 : 0)
    }
    @inlinable var start: Int { Int(packed >> 32) }
    @inlinable var length: Int { Int((packed >> 1) & 0x7FFF_FFFF) }
    @inlinable var isComplex: Bool { packed & 1 == 1 }
}

/// What went wrong while splitting records, at which byte.
enum CSVSyntaxError: Sendable {
    /// A row with `found` fields where the header has `expected`; `offset` is the row's first byte.
    case ragged(offset: Int, found: Int, expected: Int)
    /// A quoted field opened at `offset` and never closed.
    case unterminatedQuote(offset: Int)
    /// Bytes that are not UTF-8 at `offset` (only when validating).
    case invalidUTF8(offset: Int)

    var offset: Int {
        switch self {
        case .ragged(let o, _, _), .unterminatedQuote(let o), .invalidUTF8(let o): o
        }
    }
}

/// The fields of one chunk of records (only the columns asked for).
struct ChunkTokens {
    /// Row-major: `spans[row * slotCount + slot]`, relative to the chunk's first byte.
    var spans: [FieldSpan]
    var slotCount: Int
    var rows = 0
    var error: CSVSyntaxError?
    /// Some quoted field holds a line break.
    var quotedLineBreak = false
}

/// Byte-level RFC 4180 splitting, on raw pointers.
///
/// Rules: a field is quoted when its first byte is `"`; inside, `""` is one quote and delimiters and
/// line breaks are data. A quote elsewhere in an unquoted field is an ordinary character (`A,B",C`
/// reads `B"`, as Python's `csv` and PapaParse do). Text between a closing quote and the next
/// delimiter is kept (`"a"b` reads `ab`, as Python's `csv`). Records end at `\n`, `\r\n` or a lone
/// `\r`; empty lines are skipped. A quoted field still open at the end of the input is an error.
enum CSVTokenizer {
    static let quote = UInt8(ascii: "\"")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")

    /// A 256-entry table: 1 for the bytes that end an unquoted field, 2 for bytes ≥ 0x80 when the
    /// text is validated as UTF-8 on the way (the split then costs the validation nothing on ASCII).
    static func stopTable(delimiter: UInt8, validate: Bool = false) -> [UInt8] {
        var t = [UInt8](repeating: 0, count: 256)
        if validate { for b in 0x80..<256 { t[b] = 2 } }
        t[Int(delimiter)] = 1
        t[Int(lf)] = 1
        t[Int(cr)] = 1
        return t
    }

    /// Skips the bytes of an unquoted stretch: returns the index of the first stop byte (or `hi`).
    /// Invalid UTF-8 (only flagged when validating) sets `bad` and ends the stretch there.
    @inline(__always)
    static func skip(_ p: UnsafePointer<UInt8>, _ j: Int, _ hi: Int, _ stop: UnsafePointer<UInt8>, _ bad: inout Int) -> Int {
        var j = j
        while j < hi {
            let c = stop[Int(p[j])]
            if c == 0 { j += 1; continue }
            if c == 1 { return j }
            let len = UTF8Check.sequenceLength(p, j, hi)
            if len == 0 { if bad < 0 { bad = j }; return hi }
            j += len
        }
        return j
    }

    /// Scans one field starting at `i` (< hi). Returns the span (relative to `origin`), the index of
    /// the byte that ended it (delimiter, line break or `hi`), or nil for an unterminated quote.
    @inline(__always)
    static func field(_ p: UnsafePointer<UInt8>, _ i: Int, _ hi: Int, origin: Int, delimiter: UInt8,
                      stop: UnsafePointer<UInt8>, bad: inout Int, lineBreak: inout Bool) -> (FieldSpan, Int)? {
        var j = i
        if j >= hi { return (FieldSpan(start: i - origin, length: 0, complex: false), j) }
        if p[j] != quote {
            j = skip(p, j, hi, stop, &bad)
            return (FieldSpan(start: i - origin, length: j - i, complex: false), j)
        }
        // Quoted field.
        j += 1
        let inner = j
        var complex = false
        while true {
            // Find the next quote (validating what is skipped when asked).
            while j < hi {
                let b = p[j]
                if b == quote { break }
                if b >= 0x80 && stop[Int(b)] == 2 {
                    let len = UTF8Check.sequenceLength(p, j, hi)
                    if len == 0 { if bad < 0 { bad = j }; return nil }
                    j += len
                } else {
                    if b == lf || b == cr { lineBreak = true }
                    j += 1
                }
            }
            if j >= hi { return nil }
            if j + 1 < hi && p[j + 1] == quote { complex = true; j += 2; continue }
            break
        }
        let innerEnd = j
        j += 1   // past the closing quote
        if j < hi && stop[Int(p[j])] != 1 {
            // Text after the closing quote: keep it, up to the end of the field.
            complex = true
            while j < hi && stop[Int(p[j])] != 1 {
                if p[j] == quote {   // a further quoted section
                    j += 1
                    while j < hi && p[j] != quote { j += 1 }
                    if j >= hi { return nil }
                }
                j += 1
            }
        }
        if complex { return (FieldSpan(start: i - origin, length: j - i, complex: true), j) }
        return (FieldSpan(start: inner - origin, length: innerEnd - inner, complex: false), j)
    }

    /// Splits the records of `lo..<hi` (which start at a record boundary) into the columns of
    /// `slotOfColumn` (`-1`: not kept). Stops at the first ragged row or open quote.
    static func tokenize(_ p: UnsafePointer<UInt8>, lo: Int, hi: Int, delimiter: UInt8, columnCount: Int,
                         slotOfColumn: [Int], slotCount: Int, expectedRows: Int, validate: Bool = false) -> ChunkTokens {
        var spans = [FieldSpan]()
        spans.reserveCapacity(expectedRows * slotCount)
        var rowSpans = [FieldSpan](repeating: FieldSpan(start: 0, length: 0, complex: false), count: max(1, slotCount))
        var rows = 0
        let table = stopTable(delimiter: delimiter, validate: validate)
        var error: CSVSyntaxError?
        var bad = -1
        var lineBreak = false
        table.withUnsafeBufferPointer { tb in
            let stop = tb.baseAddress!
            slotOfColumn.withUnsafeBufferPointer { slotsOf in
                var i = lo
                outer: while i < hi {
                    let b = p[i]
                    if b == lf { i += 1; continue }
                    if b == cr { i += 1; if i < hi && p[i] == lf { i += 1 }; continue }
                    let rowStart = i
                    var col = 0
                    while true {
                        guard let (span, end) = field(p, i, hi, origin: lo, delimiter: delimiter, stop: stop, bad: &bad, lineBreak: &lineBreak) else {
                            error = bad >= 0 ? .invalidUTF8(offset: bad) : .unterminatedQuote(offset: i); break outer
                        }
                        if bad >= 0 { error = .invalidUTF8(offset: bad); break outer }
                        if col < columnCount {
                            let s = slotsOf[col]
                            if s >= 0 { rowSpans[s] = span }
                        }
                        col += 1
                        i = end
                        if i < hi && p[i] == delimiter { i += 1; continue }
                        break
                    }
                    if col != columnCount {
                        error = .ragged(offset: rowStart, found: col, expected: columnCount)
                        break outer
                    }
                    rows += 1
                    if slotCount > 0 { spans.append(contentsOf: rowSpans[0..<slotCount]) }
                    if i < hi {
                        if p[i] == cr { i += 1; if i < hi && p[i] == lf { i += 1 } } else if p[i] == lf { i += 1 }
                    }
                }
            }
        }
        return ChunkTokens(spans: spans, slotCount: slotCount, rows: rows, error: error, quotedLineBreak: lineBreak)
    }

    /// Every record of `lo..<hi` as field spans relative to `lo` (any number of fields per record).
    static func records(_ p: UnsafePointer<UInt8>, lo: Int, hi: Int, delimiter: UInt8, limit: Int = .max)
        -> (records: [[FieldSpan]], starts: [Int], end: Int, error: CSVSyntaxError?) {
        var out: [[FieldSpan]] = []
        var starts: [Int] = []
        let table = stopTable(delimiter: delimiter)
        var i = lo
        var error: CSVSyntaxError?
        var bad = -1
        var lineBreak = false
        table.withUnsafeBufferPointer { tb in
            let stop = tb.baseAddress!
            outer: while i < hi && out.count < limit {
                let b = p[i]
                if b == lf { i += 1; continue }
                if b == cr { i += 1; if i < hi && p[i] == lf { i += 1 }; continue }
                starts.append(i)
                var row: [FieldSpan] = []
                while true {
                    guard let (span, end) = field(p, i, hi, origin: lo, delimiter: delimiter, stop: stop, bad: &bad, lineBreak: &lineBreak) else {
                        error = .unterminatedQuote(offset: i); break outer
                    }
                    row.append(span)
                    i = end
                    if i < hi && p[i] == delimiter { i += 1; continue }
                    break
                }
                out.append(row)
                if i < hi {
                    if p[i] == cr { i += 1; if i < hi && p[i] == lf { i += 1 } } else if p[i] == lf { i += 1 }
                }
            }
        }
        return (out, starts, i, error)
    }

    /// The text of a complex quoted field (with its quotes): `""` → `"`, quotes dropped.
    static func unquote(_ p: UnsafePointer<UInt8>, _ n: Int, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var i = 0
        var inQuotes = false
        while i < n {
            let b = p[i]
            if b == quote {
                if inQuotes && i + 1 < n && p[i + 1] == quote { out.append(quote); i += 2; continue }
                inQuotes.toggle()
                i += 1
                continue
            }
            out.append(b)
            i += 1
        }
    }
}
