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

/// Where the cells of one column of one chunk are: spans relative to `base`.
struct CellSource {
    let base: UnsafePointer<UInt8>
    /// Offset of `base` in the decoded input, for locations.
    let baseOffset: Int
    let spans: [FieldSpan]
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
    var text: TextBuffer? = nil
    /// String mode: dictionary encoding was given up (too many distinct values).
    var forcedText = false
    var missing = MissingMask(count: 0)
    var problems: [RawProblem] = []
    var problemCount = 0

    static let problemsKept = 200

    init(mode: BuildMode) { self.mode = mode }
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
        for s in cells.spans {
            let (v, _, _) = cellValue(cells, s, scratch)
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
        var p = cells.base + s.start
        var n = s.length
        if s.isComplex {
            n = scratch.unquote(p, n)
            p = UnsafePointer(scratch.p)
        }
        if classifier.keepText { return (n == 0 ? CellValue(kind: .missing) : nil, p, n) }
        let (lo, len) = CellClassifier.trim(p, n)
        p += lo
        n = len
        if classifier.isMissing(p, n) { return (CellValue(kind: .missing), p, n) }
        return (classifier.classify(p, n), p, n)
    }

    func build(_ cells: CellSource, in mode: BuildMode, expectedUnit: NumberUnit?) -> ColumnPart {
        var part = ColumnPart(mode: mode)
        let rows = cells.spans.count
        part.rows = rows
        part.integerOnly = forced == .integer
        switch mode {
        case .number: part.ints.reserveCapacity(rows)
        case .date: part.days.reserveCapacity(rows)
        case .boolean: part.bools.reserveCapacity(rows)
        case .string:
            if forced == .text || classifier.keepText { part.text = TextBuffer(); part.forcedText = true }
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

        for (row, s) in cells.spans.enumerated() {
            let (value, p, n) = cellValue(cells, s, scratch)
            guard let v = value else {
                // keep-text: the cell as written.
                part.text!.append(utf8: UnsafeBufferPointer(start: p, count: n))
                part.missing.append(false)
                part.counts.text += 1
                continue
            }
            // Counts (independent of the mode).
            switch v.kind {
            case .missing: part.counts.missing += 1
            case .integer:
                part.counts.integer += 1
                part.counts.units[Int(v.unit.rawValue)] += 1
                if v.unit == .none && v.int >= 1000 && v.int <= 2999 { part.counts.year4 += 1 }
            case .decimal: part.counts.decimal += 1; part.counts.units[Int(v.unit.rawValue)] += 1
            case .date: part.counts.date += 1
            case .boolean: part.counts.boolean += 1
            case .badNumber: part.counts.badNumber += 1
            case .badDate: part.counts.badDate += 1
            case .text: part.counts.text += 1
            }
            if v.kind == .missing {
                part.missing.append(true)
                switch mode {
                case .number: if part.isDecimal { part.doubles.append(0) } else { part.ints.append(0) }
                case .date: part.days.append(0)
                case .boolean: part.bools.append(false)
                case .string: if part.text != nil { part.text!.append(utf8: UnsafeBufferPointer(start: p, count: 0)) } else { part.codes.append(0) }
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
                    case .badNumber: problem(row, s, p, n, expected: "a number", reason: v.reason,
                                             hint: v.reason == "an approximate amount" ? "write the amount as a number, or add the token to --missing" : nil)
                    case .date, .badDate: problem(row, s, p, n, expected: "a number", reason: "a date in a number column")
                    default: problem(row, s, p, n, expected: "a number", reason: "not a number", hint: wordHint(p, n))
                    }
                }
                if !ok {
                    part.missing.append(true)
                    if part.isDecimal { part.doubles.append(0) } else { part.ints.append(0) }
                    continue
                }
                part.missing.append(false)
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
                    part.missing.append(false)
                    part.days.append(v.days)
                    if v.precision < part.precision { part.precision = v.precision }
                } else if v.kind == .integer && v.unit == .none && v.int >= 1000 && v.int <= 2999 {
                    part.missing.append(false)
                    part.days.append(CivilDate.days(year: Int(v.int), month: 1, day: 1))
                } else {
                    switch v.kind {
                    case .badDate: problem(row, s, p, n, expected: "a date", reason: v.reason)
                    case .text: problem(row, s, p, n, expected: "a date", reason: "not a date", hint: wordHint(p, n))
                    default: problem(row, s, p, n, expected: "a date", reason: "not a date")
                    }
                    part.missing.append(true)
                    part.days.append(0)
                }
            case .boolean:
                if v.kind == .boolean {
                    part.missing.append(false)
                    part.bools.append(v.bool)
                } else {
                    problem(row, s, p, n, expected: "true/false", reason: "not true/false, 是/否 or yes/no",
                            hint: v.kind == .text ? wordHint(p, n) : nil)
                    part.missing.append(true)
                    part.bools.append(false)
                }
            case .string:
                part.missing.append(false)
                if part.text != nil {
                    part.text!.append(utf8: UnsafeBufferPointer(start: p, count: n))
                } else {
                    let before = part.interner!.count
                    let code = part.interner!.intern(p, n)
                    part.codes.append(code)
                    if part.interner!.count > before && forced != .category {
                        let levels = part.interner!.count
                        let seen = part.counts.nonMissing
                        if levels > InferenceRule.maxLevels || (levels > 1024 && 2 * levels > seen) {
                            part.text = textFromCategory(part.codes, part.interner!, part.missing)
                            part.interner = nil
                            part.codes = []
                            part.forcedText = true
                        }
                    }
                }
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

    func textFromCategory(_ codes: [UInt32], _ interner: ByteInterner, _ missing: MissingMask) -> TextBuffer {
        var t = TextBuffer()
        for (r, c) in codes.enumerated() {
            if missing[r] { var z: UInt8 = 0; withUnsafePointer(to: &z) { t.append(utf8: UnsafeBufferPointer(start: $0, count: 0)) }; continue }
            interner.withLevel(Int(c)) { p, n in t.append(utf8: UnsafeBufferPointer(start: p, count: n)) }
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
