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

    var offset: Int {
        switch self {
        case .ragged(let o, _, _), .unterminatedQuote(let o): o
        }
    }
}

/// The fields of one chunk of records, column by column (only the columns asked for).
struct ChunkTokens {
    /// `spans[slot][row]`, relative to the chunk's first byte.
    var spans: [[FieldSpan]]
    var rows = 0
    var error: CSVSyntaxError?
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

    /// A 256-entry table marking the bytes that end an unquoted field.
    static func stopTable(delimiter: UInt8) -> [Bool] {
        var t = [Bool](repeating: false, count: 256)
        t[Int(delimiter)] = true
        t[Int(lf)] = true
        t[Int(cr)] = true
        return t
    }

    /// Scans one field starting at `i` (< hi). Returns the span (relative to `origin`), the index of
    /// the byte that ended it (delimiter, line break or `hi`), or nil for an unterminated quote.
    @inline(__always)
    static func field(_ p: UnsafePointer<UInt8>, _ i: Int, _ hi: Int, origin: Int, delimiter: UInt8,
                      stop: UnsafePointer<Bool>) -> (FieldSpan, Int)? {
        var j = i
        if j >= hi { return (FieldSpan(start: i - origin, length: 0, complex: false), j) }
        if p[j] != quote {
            while j < hi && !stop[Int(p[j])] { j += 1 }
            return (FieldSpan(start: i - origin, length: j - i, complex: false), j)
        }
        // Quoted field.
        j += 1
        let inner = j
        var complex = false
        while true {
            // Find the next quote.
            while j < hi && p[j] != quote { j += 1 }
            if j >= hi { return nil }
            if j + 1 < hi && p[j + 1] == quote { complex = true; j += 2; continue }
            break
        }
        let innerEnd = j
        j += 1   // past the closing quote
        if j < hi && !stop[Int(p[j])] {
            // Text after the closing quote: keep it, up to the end of the field.
            complex = true
            while j < hi && !stop[Int(p[j])] {
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
                         slotOfColumn: [Int], slotCount: Int, expectedRows: Int) -> ChunkTokens {
        var spans = [[FieldSpan]](repeating: [], count: slotCount)
        for s in 0..<slotCount { spans[s].reserveCapacity(expectedRows) }
        var rows = 0
        let table = stopTable(delimiter: delimiter)
        var error: CSVSyntaxError?
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
                        guard let (span, end) = field(p, i, hi, origin: lo, delimiter: delimiter, stop: stop) else {
                            error = .unterminatedQuote(offset: i); break outer
                        }
                        if col < columnCount {
                            let s = slotsOf[col]
                            if s >= 0 { spans[s].append(span) }
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
                    if i < hi {
                        if p[i] == cr { i += 1; if i < hi && p[i] == lf { i += 1 } } else if p[i] == lf { i += 1 }
                    }
                }
            }
        }
        return ChunkTokens(spans: spans, rows: rows, error: error)
    }

    /// Every record of `lo..<hi` as field spans relative to `lo` (any number of fields per record).
    static func records(_ p: UnsafePointer<UInt8>, lo: Int, hi: Int, delimiter: UInt8, limit: Int = .max)
        -> (records: [[FieldSpan]], starts: [Int], end: Int, error: CSVSyntaxError?) {
        var out: [[FieldSpan]] = []
        var starts: [Int] = []
        let table = stopTable(delimiter: delimiter)
        var i = lo
        var error: CSVSyntaxError?
        table.withUnsafeBufferPointer { tb in
            let stop = tb.baseAddress!
            outer: while i < hi && out.count < limit {
                let b = p[i]
                if b == lf { i += 1; continue }
                if b == cr { i += 1; if i < hi && p[i] == lf { i += 1 }; continue }
                starts.append(i)
                var row: [FieldSpan] = []
                while true {
                    guard let (span, end) = field(p, i, hi, origin: lo, delimiter: delimiter, stop: stop) else {
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
