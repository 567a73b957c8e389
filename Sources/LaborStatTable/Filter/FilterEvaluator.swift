/// Evaluates a parsed `--where` expression over the rows in view of a table, column at a time.
///
/// Logic is three-valued, as in SQL: a comparison with a missing value is *unknown*, `not unknown`
/// is unknown, `false and unknown` is false, `true or unknown` is true, and only rows whose
/// condition is *true* are kept. So a missing value never satisfies a comparison — not even
/// `x != 5` or `not (x > 5)` — and only `is missing` selects missing values.
///
/// Comparisons follow the column's type: numbers by value, dates by day, booleans as 0/1, text and
/// categories by Unicode code point (byte order of UTF-8, the order `Grouping` sorts text in).
/// A category column is compared once per level and the result looked up by code.
struct FilterEvaluator {
    typealias Truth = UInt8
    static let no: Truth = 0, yes: Truth = 1, unknown: Truth = 2

    let table: Table
    let expression: String
    let rows: [Int]

    init(table: Table, expression: String) {
        self.table = table
        self.expression = expression
        self.rows = Array(table.rowIndices)
    }

    func evaluate(_ node: FilterNode) throws -> [Truth] {
        switch node {
        case .and(let a, let b):
            var x = try evaluate(a)
            let y = try evaluate(b)
            for i in 0..<x.count {
                let p = x[i], q = y[i]
                x[i] = (p == Self.no || q == Self.no) ? Self.no : (p == Self.yes && q == Self.yes ? Self.yes : Self.unknown)
            }
            return x
        case .or(let a, let b):
            var x = try evaluate(a)
            let y = try evaluate(b)
            for i in 0..<x.count {
                let p = x[i], q = y[i]
                x[i] = (p == Self.yes || q == Self.yes) ? Self.yes : (p == Self.no && q == Self.no ? Self.no : Self.unknown)
            }
            return x
        case .not(let a):
            var x = try evaluate(a)
            for i in 0..<x.count where x[i] != Self.unknown { x[i] = 1 - x[i] }
            return x
        case .isMissing(let ref, let negated):
            let c = try table.keyColumn(ref.key)
            var nan: [Double]? = nil
            if case .decimal(let v) = c.storage { nan = v }
            return rows.map { r in
                let m = c.missing[r] || (nan?[r].isNaN ?? false)
                return (m != negated) ? Self.yes : Self.no
            }
        case .compare(let ref, let op, let lit):
            let c = try table.keyColumn(ref.key)
            return try compare(c, ref: ref, literal: lit) { order in op.holds(order) }
        case .member(let ref, let list, let negated):
            let c = try table.keyColumn(ref.key)
            return try member(c, ref: ref, list: list, negated: negated)
        case .compareColumns(let a, let op, let b):
            return try compareColumns(a, op, b)
        }
    }

    // MARK: - Column against a literal

    private func compare(_ c: Column, ref: FilterColumnRef, literal lit: FilterLiteral, _ holds: (Int) -> Bool) throws -> [Truth] {
        var out = [Truth](repeating: Self.unknown, count: rows.count)
        let missing = c.missing
        switch c.storage {
        case .integer(let v):
            let x = try number(lit, column: c)
            let exact = x == x.rounded() && abs(x) < 9.2e18
            let xi = exact ? Int64(x) : 0
            for (i, r) in rows.enumerated() where !missing[r] {
                let a = v[r]
                out[i] = holds(exact ? (a < xi ? -1 : a > xi ? 1 : 0) : order(Double(a), x)) ? Self.yes : Self.no
            }
        case .decimal(let v):
            let x = try number(lit, column: c)
            for (i, r) in rows.enumerated() where !missing[r] && !v[r].isNaN {
                out[i] = holds(order(v[r], x)) ? Self.yes : Self.no
            }
        case .boolean(let v):
            let x = try boolean(lit, column: c) ? 1 : 0
            for (i, r) in rows.enumerated() where !missing[r] {
                let a = v[r] ? 1 : 0
                out[i] = holds(a < x ? -1 : a > x ? 1 : 0) ? Self.yes : Self.no
            }
        case .date(let v, let p):
            let d = try date(lit, column: c, precision: p)
            for (i, r) in rows.enumerated() where !missing[r] {
                out[i] = holds(v[r] < d ? -1 : v[r] > d ? 1 : 0) ? Self.yes : Self.no
            }
        case .category(let codes, let levels):
            let target = Array(text(lit).utf8)
            let perLevel = levels.map { holds(Self.compareUTF8(Array($0.utf8), target)) ? Self.yes : Self.no }
            for (i, r) in rows.enumerated() where !missing[r] { out[i] = perLevel[Int(codes[r])] }
        case .text(let buffer):
            let target = Array(text(lit).utf8)
            buffer.bytes.withUnsafeBufferPointer { bytes in
                for (i, r) in rows.enumerated() where !missing[r] {
                    let cell = UnsafeBufferPointer(rebasing: bytes[buffer.offsets[r]..<buffer.offsets[r + 1]])
                    out[i] = holds(Self.compareUTF8(cell, target)) ? Self.yes : Self.no
                }
            }
        }
        return out
    }

    private func member(_ c: Column, ref: FilterColumnRef, list: [FilterLiteral], negated: Bool) throws -> [Truth] {
        let hit = negated ? Self.no : Self.yes, miss = negated ? Self.yes : Self.no
        var out = [Truth](repeating: Self.unknown, count: rows.count)
        let missing = c.missing
        switch c.storage {
        case .integer, .decimal, .boolean:
            var values = Set<Double>()
            for lit in list {
                if case .boolean = c.storage { values.insert(try boolean(lit, column: c) ? 1 : 0) } else { values.insert(try number(lit, column: c)) }
            }
            for (i, r) in rows.enumerated() {
                guard let x = c.double(at: r), !x.isNaN else { continue }
                out[i] = values.contains(x) ? hit : miss
            }
        case .date(let v, let p):
            var days = Set<Int32>()
            for lit in list { days.insert(try date(lit, column: c, precision: p)) }
            for (i, r) in rows.enumerated() where !missing[r] { out[i] = days.contains(v[r]) ? hit : miss }
        case .category(let codes, let levels):
            let wanted = Set(list.map { Array(text($0).utf8) })
            let perLevel = levels.map { wanted.contains(Array($0.utf8)) ? hit : miss }
            for (i, r) in rows.enumerated() where !missing[r] { out[i] = perLevel[Int(codes[r])] }
        case .text(let buffer):
            let wanted = list.map { Array(text($0).utf8) }
            buffer.bytes.withUnsafeBufferPointer { bytes in
                for (i, r) in rows.enumerated() where !missing[r] {
                    let cell = UnsafeBufferPointer(rebasing: bytes[buffer.offsets[r]..<buffer.offsets[r + 1]])
                    out[i] = wanted.contains { Self.compareUTF8(cell, $0) == 0 } ? hit : miss
                }
            }
        }
        return out
    }

    // MARK: - Column against a column

    private enum Domain: String { case number = "numbers", date = "dates", text = "text" }

    private static func domain(_ t: ColumnType) -> Domain {
        switch t {
        case .integer, .decimal, .boolean: .number
        case .date: .date
        case .category, .text: .text
        }
    }

    private func compareColumns(_ a: FilterColumnRef, _ op: FilterComparison, _ b: FilterColumnRef) throws -> [Truth] {
        let x = try table.keyColumn(a.key), y = try table.keyColumn(b.key)
        let dx = Self.domain(x.type), dy = Self.domain(y.type)
        guard dx == dy else {
            throw FilterError(message: "cannot compare column \"\(x.name)\" (\(dx.rawValue)) with column \"\(y.name)\" (\(dy.rawValue))",
                              expression: expression, position: b.position,
                              hint: "quote text values: '\(b.key.description)'")
        }
        var out = [Truth](repeating: Self.unknown, count: rows.count)
        for (i, r) in rows.enumerated() where !x.missing[r] && !y.missing[r] {
            let o: Int
            if dx == .text {
                o = Self.compareUTF8(Array((x.string(at: r) ?? "").utf8), Array((y.string(at: r) ?? "").utf8))
            } else {
                guard let p = x.double(at: r), let q = y.double(at: r), !p.isNaN, !q.isNaN else { continue }
                o = order(p, q)
            }
            out[i] = op.holds(o) ? Self.yes : Self.no
        }
        return out
    }

    // MARK: - Literals in the column's type

    @inline(__always) private func order(_ a: Double, _ b: Double) -> Int { a < b ? -1 : a > b ? 1 : 0 }

    private func mismatch(_ lit: FilterLiteral, _ c: Column, _ what: String, hint: String? = nil) -> FilterError {
        FilterError(message: "column \"\(c.name)\" holds \(c.type.rawValue) values; \(what)",
                    expression: expression, position: lit.position, hint: hint)
    }

    private func number(_ lit: FilterLiteral, column c: Column) throws(FilterError) -> Double {
        switch lit.value {
        case .number(let x): return x
        case .string(let s):
            if let x = Double(s.trimmingWhitespace) { return x }
            throw mismatch(lit, c, "'\(s)' is not a number", hint: "compare numbers with numbers: \(c.name) >= 100")
        case .date:
            throw mismatch(lit, c, "\(lit.text) is a date", hint: "a year column compares with a year: \(c.name) >= \(lit.text.prefix(4))")
        case .boolean(let b): return b ? 1 : 0
        }
    }

    private func boolean(_ lit: FilterLiteral, column c: Column) throws(FilterError) -> Bool {
        switch lit.value {
        case .boolean(let b): return b
        case .number(let x) where x == 0 || x == 1: return x == 1
        case .string(let s) where ["true", "false"].contains(s.lowercased()): return s.lowercased() == "true"
        default: throw mismatch(lit, c, "\(lit.text) is not true or false")
        }
    }

    /// A literal as a day number. In a column of years (`2013年`, read as dates at year precision)
    /// a whole number is a year: `年份 >= 2015` means from 2015-01-01.
    private func date(_ lit: FilterLiteral, column c: Column, precision: DatePrecision) throws(FilterError) -> Int32 {
        switch lit.value {
        case .number(let x) where precision == .year && x == x.rounded() && (1...9999).contains(x):
            return CivilDate.days(year: Int(x), month: 1, day: 1)
        case .date(let d, _): return d
        case .string(let s):
            var lexer = FilterLexer(s)
            if let t = try? lexer.tokens(), t.count == 2, case .date(let d, _, _) = t[0].kind { return d }
            throw mismatch(lit, c, "'\(s)' is not a date", hint: "write dates as 2015-01-01, 2015-01 or 2015Q1")
        case .number:
            throw mismatch(lit, c, "\(lit.text) is not a date",
                           hint: "write a date (\(c.name) >= \(lit.text)-01-01), or compare the year: \(c.name):year >= \(lit.text)")
        case .boolean: throw mismatch(lit, c, "\(lit.text) is not a date")
        }
    }

    /// A literal as text, for text and category columns: strings as written, numbers and dates as typed.
    private func text(_ lit: FilterLiteral) -> String { lit.text }

    /// The sign of a − b in code point order (UTF-8 byte order is code point order).
    static func compareUTF8<A: Collection, B: Collection>(_ a: A, _ b: B) -> Int where A.Element == UInt8, B.Element == UInt8 {
        var i = a.makeIterator(), j = b.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let p?, let q?): if p != q { return p < q ? -1 : 1 }
            }
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
