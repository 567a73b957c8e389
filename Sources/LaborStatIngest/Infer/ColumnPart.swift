import LaborStatTable

/// A cell that did not read as its column's type, before its place is resolved to line:column.
struct RawProblem: Sendable {
    /// Row within the part.
    var row: Int
    /// Byte offset of the cell in the decoded input (CSV), or -1 (grid input: use `row`).
    var offset: Int
    var value: String
    var expected: String
    var reason: String
    var hint: String?
}

/// Where the cells of one column of one chunk are: spans relative to `base`, the column's at
/// `spans[row * stride + slot]`.
struct CellSource {
    let base: UnsafePointer<UInt8>
    /// Offset of `base` in the decoded input, for locations.
    let baseOffset: Int
    let spans: [FieldSpan]
    var stride = 1
    var slot = 0

    var count: Int { stride == 0 ? 0 : spans.count / stride }
    @inline(__always) subscript(row: Int) -> FieldSpan { spans[row &* stride &+ slot] }
}

/// One column of one chunk of rows, built in one `BuildMode`.
struct ColumnPart: @unchecked Sendable {
    var rows = 0
    var counts = KindCounts()
    var mode: BuildMode
    var integerOnly = false
    /// The unit of this part's numbers when they all share one; `mixedUnits` when not.
    var unit: NumberUnit? = nil
    var mixedUnits = false

    var ints: [Int64] = []
    var doubles: [Double] = []
    var isDecimal = false
    var days: [Int32] = []
    var precision = DatePrecision.year
    var bools: [Bool] = []
    var codes: [UInt32] = []
    var interner: ByteInterner? = nil
    var text: TextParts? = nil
    /// String mode: dictionary encoding was given up (too many distinct values).
    var forcedText = false
    /// Missing rows as a bitmap (bit `r % 64` of word `r / 64`), grown lazily.
    var missingWords: [UInt64] = []
    var missingCount = 0

    @inline(__always) mutating func setMissing(_ row: Int) {
        let w = row >> 6
        if missingWords.count <= w { missingWords.append(contentsOf: repeatElement(0, count: w + 1 - missingWords.count)) }
        missingWords[w] |= 1 << UInt64(row & 63)
        missingCount += 1
    }

    @inline(__always) func isMissing(_ row: Int) -> Bool {
        let w = row >> 6
        return w < missingWords.count && (missingWords[w] >> UInt64(row & 63)) & 1 == 1
    }
    var problems: [RawProblem] = []
    var problemCount = 0

    static let problemsKept = 200

    init(mode: BuildMode) { self.mode = mode }
}

/// Strings back to back (the parts of a `TextBuffer`).
struct TextParts {
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]

    @inline(__always) mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) {
        if n > 0 { bytes.append(contentsOf: UnsafeBufferPointer(start: p, count: n)) }
        offsets.append(bytes.count)
    }

    @inline(__always) mutating func appendEmpty() { offsets.append(bytes.count) }

    mutating func append(_ other: TextParts) {
        let base = bytes.count
        bytes.append(contentsOf: other.bytes)
        offsets.reserveCapacity(offsets.count + other.offsets.count - 1)
        for o in other.offsets.dropFirst() { offsets.append(base + o) }
    }

    var buffer: TextBuffer { TextBuffer(bytes: bytes, offsets: offsets) }
}

/// Builds `ColumnPart`s from cells: classify each cell, store it in the part's mode, record the
/// cells that do not fit as problems.
struct ColumnBuilder {
    let classifier: CellClassifier
    /// The column's header text (for problem messages).
    let name: String
    /// A type forced by `ReadOptions.columnTypes`.
    let forced: ColumnType?

    /// The mode a forced type builds in.
    var forcedMode: BuildMode? {
        guard let forced else { return classifier.keepText ? .string : nil }
        switch forced {
        case .integer, .decimal: return .number
        case .date: return .date
        case .boolean: return .boolean
        case .category, .text: return .string
        }
    }

    /// Builds a part, guessing the mode from the first cell when none is given and rebuilding once
    /// when the counts show the guess was wrong.
    func build(_ cells: CellSource, mode: BuildMode? = nil, expectedUnit: NumberUnit? = nil) -> ColumnPart {
        if let m = mode ?? forcedMode { return build(cells, in: m, expectedUnit: expectedUnit) }
        let guess = firstKind(cells)
        var part = build(cells, in: guess, expectedUnit: expectedUnit)
        let best = InferenceRule.decide(part.counts)
        if best != part.mode { part = build(cells, in: best, expectedUnit: expectedUnit) }
        return part
    }

    /// The mode suggested by the first non-missing cell.
    func firstKind(_ cells: CellSource) -> BuildMode {
        let scratch = ScratchBuffer()
        for row in 0..<cells.count {
            let (v, _, _) = cellValue(cells, cells[row], scratch)
            switch v?.kind {
            case nil, .missing?: continue
            case .integer?, .decimal?, .badNumber?: return .number
            case .date?, .badDate?: return .date
            case .boolean?: return .boolean
            case .text?: return .string
            }
        }
        return .string
    }

    /// Reads one cell: its classification (nil for keep-text mode) and its trimmed bytes.
    @inline(__always)
    func cellValue(_ cells: CellSource, _ s: FieldSpan, _ scratch: ScratchBuffer) -> (CellValue?, UnsafePointer<UInt8>, Int) {
        let (p, n, missing) = prepared(cells, s, scratch)
        if classifier.keepText { return (missing ? CellValue(kind: .missing) : nil, p, n) }
        if missing { return (CellValue(kind: .missing), p, n) }
        return (classifier.classify(p, n), p, n)
    }

    /// A cell's bytes (unquoted, trimmed unless keep-text) and whether it is missing.
    @inline(__always)
    func prepared(_ cells: CellSource, _ s: FieldSpan, _ scratch: ScratchBuffer) -> (UnsafePointer<UInt8>, Int, Bool) {
        var p = cells.base + s.start
        var n = s.length
        if s.isComplex {
            n = scratch.unquote(p, n)
            p = UnsafePointer(scratch.p)
        }
        if classifier.keepText { return (p, n, n == 0) }
        let (lo, len) = CellClassifier.trim(p, n)
        p += lo
        n = len
        return (p, n, classifier.isMissing(p, n))
    }

    func build(_ cells: CellSource, in mode: BuildMode, expectedUnit: NumberUnit?) -> ColumnPart {
        var part = ColumnPart(mode: mode)
        let rows = cells.count
        part.rows = rows
        part.integerOnly = forced == .integer
        switch mode {
        case .number: part.ints.reserveCapacity(rows)
        case .date: part.days.reserveCapacity(rows)
        case .boolean: part.bools.reserveCapacity(rows)
        case .string:
            if forced == .text || classifier.keepText { part.text = TextParts(); part.forcedText = true }
            else { part.interner = ByteInterner(); part.codes.reserveCapacity(rows) }
        }
        let scratch = ScratchBuffer()
        var firstUnit: NumberUnit? = nil

        func problem(_ row: Int, _ s: FieldSpan, _ p: UnsafePointer<UInt8>, _ n: Int, expected: String, reason: String, hint: String? = nil) {
            part.problemCount += 1
            if part.problems.count < ColumnPart.problemsKept {
                let value = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
                let offset = cells.baseOffset >= 0 ? cells.baseOffset + s.start : -1
                part.problems.append(RawProblem(row: row, offset: offset, value: value, expected: expected, reason: reason, hint: hint))
            }
        }
        func wordHint(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
            let v = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
            return "correct the cell; if \"\(v)\" means a missing value, add it: --missing '\(v)'"
        }

        // Fast lanes apply when nothing can change a plain cell's reading.
        let fastLanes = !classifier.keepText && expectedUnit == nil && classifier.extraMissing.isEmpty
        // Category cells are read once per distinct value: the reading of each level is kept.
        var levelValues: [CellValue] = []
        for row in 0..<rows {
            let s = cells[row]
            if part.interner != nil && !classifier.keepText {
                let (p, n, isMissing) = prepared(cells, s, scratch)
                if isMissing {
                    part.counts.missing += 1
                    part.setMissing(row)
                    part.codes.append(0)
                    continue
                }
                let before = part.interner!.count
                let code = part.interner!.intern(p, n)
                part.codes.append(code)
                if part.interner!.count > before { levelValues.append(classifier.classify(p, n)) }
                part.counts.add(levelValues[Int(code)])
                if part.interner!.count > before && forced != .category {
                    let levels = part.interner!.count
                    if levels > InferenceRule.maxLevels || (levels > 1024 && 2 * levels > part.counts.nonMissing) {
                        part.text = textFromCategory(part.codes, part.interner!, part)
                        part.interner = nil
                        part.codes = []
                        part.forcedText = true
                    }
                }
                continue
            }
            // Fast lanes for the bulk of clean files: plain ASCII numbers and YYYY-MM-DD dates need no
            // trimming, no missing-token check and no general reading (same results as below).
            if fastLanes && !s.isComplex {
                let q = cells.base + s.start
                let n = s.length
                if mode == .number && n > 0 && n <= 16 && q[0] &- 48 < 10 && q[n - 1] &- 48 < 10 && !part.integerOnly {
                    var m: UInt64 = 0, fraction = 0, i = 0
                    var point = false
                    while i < n {
                        let d = q[i] &- 48
                        if d < 10 { m = m &* 10 &+ UInt64(d); if point { fraction += 1 } }
                        else if q[i] == UInt8(ascii: ".") && !point { point = true }
                        else { break }
                        i += 1
                    }
                    if i == n && n - (point ? 1 : 0) <= 15 {
                        if !point && (n == 11 || n == 15 || (q[0] == 48 && n > 1)) && IdentifierPattern.matches(q, n) { part.counts.identifiers += 1 }
                        if firstUnit == nil { firstUnit = NumberUnit.none } else if firstUnit != NumberUnit.none { part.mixedUnits = true }
                        part.counts.units[0] += 1
                        if !point {
                            let v = Int64(m)
                            part.counts.integer += 1
                            if v >= 1000 && v <= 2999 { part.counts.year4 += 1 }
                            if part.isDecimal { part.doubles.append(Double(v)) } else { part.ints.append(v) }
                            continue
                        }
                        part.counts.decimal += 1
                        if !part.isDecimal {
                            part.isDecimal = true
                            part.doubles = part.ints.map { Double($0) }
                            part.doubles.reserveCapacity(rows)
                            part.ints = []
                        }
                        part.doubles.append(Double(m) / NumberParser.exactPowers[fraction])
                        continue
                    }
                } else if mode == .date && n == 10 && q[4] == UInt8(ascii: "-") && q[7] == UInt8(ascii: "-") {
                    let d = DateParser.parse(q, n)
                    if d.kind == .date {
                        part.counts.date += 1
                        part.days.append(d.days)
                        if d.precision < part.precision { part.precision = d.precision }
                        continue
                    }
                }
            }
            let (value, p, n) = cellValue(cells, s, scratch)
            guard let v = value else {
                // keep-text: the cell as written.
                part.text!.append(p, n)
                part.counts.text += 1
                continue
            }
            // Counts (independent of the mode).
            part.counts.add(v)
            if v.kind == .missing {
                part.setMissing(row)
                switch mode {
                case .number: if part.isDecimal { part.doubles.append(0) } else { part.ints.append(0) }
                case .date: part.days.append(0)
                case .boolean: part.bools.append(false)
                case .string: if part.text != nil { part.text!.appendEmpty() } else { part.codes.append(0) }
                }
                continue
            }
            switch mode {
            case .number:
                var ok = v.kind == .integer || v.kind == .decimal
                if ok {
                    if let u = expectedUnit {
                        if InferenceRule.conflicts(v.unit, u) {
                            ok = false
                            let reason = v.unit == .percent ? "a percentage in a column of \(u.text.map { "amounts in \($0)" } ?? "plain numbers")"
                                : u == .percent ? "a number without % in a column of percentages"
                                : "unit \(v.unit.text ?? "") differs from the column's unit \(u.text ?? "")"
                            problem(row, s, p, n, expected: "a number", reason: reason, hint: "write every cell of the column in the same unit")
                        }
                    } else if let f = firstUnit {
                        if f != v.unit { part.mixedUnits = true }
                    } else {
                        firstUnit = v.unit
                    }
                    if ok && part.integerOnly && v.kind == .decimal && v.double != v.double.rounded() {
                        ok = false
                        problem(row, s, p, n, expected: "a whole number", reason: "not a whole number")
                    }
                } else {
                    switch v.kind {
                    case .badNumber: problem(row, s, p, n, expected: "a number", reason: v.reason.text,
                                             hint: v.reason == .approximate ? "write the amount as a number, or add the token to --missing" : nil)
                    case .date, .badDate: problem(row, s, p, n, expected: "a number", reason: "a date in a number column")
                    default: problem(row, s, p, n, expected: "a number", reason: "not a number", hint: wordHint(p, n))
                    }
                }
                if !ok {
                    part.setMissing(row)
                    if part.isDecimal { part.doubles.append(0) } else { part.ints.append(0) }
                    continue
                }
                if v.kind == .integer && !part.isDecimal {
                    part.ints.append(v.int)
                } else {
                    if !part.isDecimal {
                        part.isDecimal = true
                        part.doubles = part.ints.map { Double($0) }
                        part.doubles.reserveCapacity(rows)
                        part.ints = []
                    }
                    part.doubles.append(v.kind == .integer ? Double(v.int) : v.double)
                }
            case .date:
                if v.kind == .date {
                    part.days.append(v.days)
                    if v.precision < part.precision { part.precision = v.precision }
                } else if v.kind == .integer && v.unit == .none && v.int >= 1000 && v.int <= 2999 {
                    part.days.append(CivilDate.days(year: Int(v.int), month: 1, day: 1))
                } else {
                    switch v.kind {
                    case .badDate: problem(row, s, p, n, expected: "a date", reason: v.reason.text)
                    case .text: problem(row, s, p, n, expected: "a date", reason: "not a date", hint: wordHint(p, n))
                    default: problem(row, s, p, n, expected: "a date", reason: "not a date")
                    }
                    part.setMissing(row)
                    part.days.append(0)
                }
            case .boolean:
                if v.kind == .boolean {
                    part.bools.append(v.bool)
                } else {
                    problem(row, s, p, n, expected: "true/false", reason: "not true/false, 是/否 or yes/no",
                            hint: v.kind == .text ? wordHint(p, n) : nil)
                    part.setMissing(row)
                    part.bools.append(false)
                }
            case .string:
                part.text!.append(p, n)
            }
        }
        if mode == .number {
            part.unit = part.mixedUnits ? nil : (expectedUnit ?? firstUnit ?? NumberUnit.none)
            if part.integerOnly && part.isDecimal {
                // Forced integer: whole decimals back to integers.
                part.ints = part.doubles.map { $0.isFinite && abs($0) < 9.2e18 ? Int64($0) : 0 }
                part.doubles = []
                part.isDecimal = false
            }
        }
        if mode == .date && part.days.isEmpty == false && part.counts.date == 0 { part.precision = .year }
        return part
    }

    func textFromCategory(_ codes: [UInt32], _ interner: ByteInterner, _ part: ColumnPart) -> TextParts {
        var t = TextParts()
        t.offsets.reserveCapacity(codes.count + 1)
        for (r, c) in codes.enumerated() {
            if part.isMissing(r) { t.appendEmpty(); continue }
            interner.withLevel(Int(c)) { p, n in t.append(p, n) }
        }
        return t
    }
}

/// A reusable byte buffer for unquoted field text.
final class ScratchBuffer {
    private(set) var p: UnsafeMutablePointer<UInt8>
    private var capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
        p = .allocate(capacity: capacity)
    }

    deinit { p.deallocate() }

    /// Unquotes a complex quoted field into the buffer; returns its length.
    func unquote(_ q: UnsafePointer<UInt8>, _ n: Int) -> Int {
        if n > capacity {
            p.deallocate()
            capacity = n
            p = .allocate(capacity: n)
        }
        var w = 0, i = 0
        var inQuotes = false
        while i < n {
            let b = q[i]
            if b == CSVTokenizer.quote {
                if inQuotes && i + 1 < n && q[i + 1] == CSVTokenizer.quote { p[w] = b; w += 1; i += 2; continue }
                inQuotes.toggle()
                i += 1
                continue
            }
            p[w] = b
            w += 1
            i += 1
        }
        return w
    }
}
