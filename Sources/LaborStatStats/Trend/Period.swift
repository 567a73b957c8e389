import Foundation
import LaborStatTable

/// How long one period of a series is. Slopes are "per period step" of this length.
public enum PeriodKind: String, Sendable, Codable, CaseIterable {
    case year, quarter, month

    var precision: DatePrecision {
        switch self {
        case .year: .year
        case .quarter: .quarter
        case .month: .month
        }
    }
}

/// A year, quarter or month, numbered so that consecutive periods differ by 1:
/// `index` = year, year·4 + (quarter − 1), or year·12 + (month − 1). Periods sort by time.
public struct Period: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let kind: PeriodKind
    public let index: Int

    public init(kind: PeriodKind, index: Int) { self.kind = kind; self.index = index }
    public init(year: Int) { self.init(kind: .year, index: year) }
    public init(year: Int, quarter: Int) { self.init(kind: .quarter, index: year * 4 + quarter - 1) }
    public init(year: Int, month: Int) { self.init(kind: .month, index: year * 12 + month - 1) }

    public var year: Int {
        switch kind {
        case .year: index
        case .quarter: index >= 0 ? index / 4 : (index - 3) / 4
        case .month: index >= 0 ? index / 12 : (index - 11) / 12
        }
    }

    /// The first day of the period, days since 1970-01-01.
    public var firstDay: Int32 {
        switch kind {
        case .year: CivilDate.days(year: index, month: 1, day: 1)
        case .quarter: CivilDate.days(year: year, month: (index - year * 4) * 3 + 1, day: 1)
        case .month: CivilDate.days(year: year, month: index - year * 12 + 1, day: 1)
        }
    }

    /// `2013`, `2013Q4`, `2013-12` (as the table writer prints period keys).
    public var description: String {
        kind == .year ? String(index) : CivilDate.format(firstDay, precision: kind.precision)
    }

    public static func < (a: Period, b: Period) -> Bool { a.index < b.index }

    /// Reads a period written as text: `2013`, `2013年`, `2013Q4`, `2013年第4季度`, `2013年四季度`,
    /// `2013-12`, `2013/12`, `2013年12月`, `2013.12`. Returns nil when the text is none of these.
    public static func parse(_ text: String) -> Period? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        // Full-width digits → ASCII.
        if s.unicodeScalars.contains(where: { (0xFF10...0xFF19).contains($0.value) }) {
            s = Substring(String(String.UnicodeScalarView(s.unicodeScalars.map {
                (0xFF10...0xFF19).contains($0.value) ? Unicode.Scalar($0.value - 0xFF10 + 48)! : $0
            })))
        }
        func takeYear() -> Int? {
            let digits = s.prefix { $0.isASCII && $0.isNumber }
            guard digits.count == 4, let y = Int(digits) else { return nil }
            s = s.dropFirst(4)
            return y
        }
        guard let year = takeYear() else { return nil }
        if s.isEmpty || s == "年" || s == "年度" { return Period(year: year) }
        if s.hasPrefix("年") { s = s.dropFirst() }
        // Quarter: Q4, q4, 第4季度, 4季度, 第四季度, 四季度
        if s.first == "Q" || s.first == "q" {
            guard let q = Int(s.dropFirst()), (1...4).contains(q) else { return nil }
            return Period(year: year, quarter: q)
        }
        if s.hasSuffix("季度") || s.hasSuffix("季") {
            var body = s.hasSuffix("季度") ? s.dropLast(2) : s.dropLast(1)
            if body.hasPrefix("第") { body = body.dropFirst() }
            let chinese: [Character: Int] = ["一": 1, "二": 2, "三": 3, "四": 4]
            let q = body.count == 1 ? (chinese[body.first!] ?? Int(body)) : Int(body)
            guard let q, (1...4).contains(q) else { return nil }
            return Period(year: year, quarter: q)
        }
        // Month: -12, /12, .12, 12月
        if let f = s.first, f == "-" || f == "/" || f == "." { s = s.dropFirst() }
        if s.hasSuffix("月份") { s = s.dropLast(2) } else if s.hasSuffix("月") { s = s.dropLast() }
        guard (1...2).contains(s.count), let m = Int(s), (1...12).contains(m) else { return nil }
        return Period(year: year, month: m)
    }
}

/// The period of every row of a time column: the index per physical row (`Int32.min` when the
/// row's time is missing) and the kind shared by all rows.
public struct PeriodColumn: Sendable {
    public static let missing = Int32.min
    public let kind: PeriodKind
    public let index: [Int32]

    /// Periods from a time key: a date column with a period (`opened:year`, `:quarter`, `:month`),
    /// a date column of month/quarter/year precision, an integer column of years, or text such as
    /// `2013年`, `2013年第4季度`, `2013年12月` (one kind for the whole column).
    public init(_ table: Table, key: KeySpec) throws(TrendError) {
        let base: Column
        do { base = try table.column(named: key.column) } catch { throw .table(error) }
        do { try base.requireClean() } catch { throw .table(error) }
        let missing = base.missing
        switch base.storage {
        case .date(let days, let precision):
            let kind: PeriodKind
            if let p = key.period {
                guard let k = PeriodKind(rawValue: p.rawValue) else {
                    throw .badTime(key.description, "a trend needs year, quarter or month periods, not days")
                }
                if precision > k.precision {
                    throw .badTime(key.description, "column \"\(base.name)\" holds \(precision) values, coarser than a \(k.rawValue)")
                }
                kind = k
            } else {
                switch precision {
                case .year: kind = .year
                case .quarter: kind = .quarter
                case .month: kind = .month
                case .day:
                    throw .badTime(key.description, "column \"\(base.name)\" holds days; name a period: \(base.name):year, \(base.name):quarter or \(base.name):month")
                }
            }
            func period(_ day: Int32) -> Int32 {
                let (y, m, _) = CivilDate.civil(day)
                switch kind {
                case .year: return Int32(y)
                case .quarter: return Int32(y * 4 + (m - 1) / 3)
                case .month: return Int32(y * 12 + m - 1)
                }
            }
            var out = [Int32](repeating: PeriodColumn.missing, count: days.count)
            var lo = Int32.max, hi = Int32.min
            for d in days { lo = min(lo, d); hi = max(hi, d) }
            out.withUnsafeMutableBufferPointer { o in
                days.withUnsafeBufferPointer { d in
                    if lo <= hi && Int(hi) - Int(lo) < 1 << 16 {
                        // A register spans a few thousand distinct days: convert each once.
                        let table = (lo...hi).map(period)
                        table.withUnsafeBufferPointer { t in
                            for i in 0..<d.count { o[i] = t[Int(d[i] - lo)] }
                        }
                        if !missing.isEmpty { for i in 0..<d.count where missing[i] { o[i] = PeriodColumn.missing } }
                    } else {
                        for i in 0..<d.count where missing.isEmpty || !missing[i] { o[i] = period(d[i]) }
                    }
                }
            }
            self.kind = kind
            self.index = out
        case .integer(let v):
            if let p = key.period, p != .year {
                throw .badTime(key.description, "column \"\(base.name)\" holds integers (years), not dates")
            }
            var out = [Int32](repeating: PeriodColumn.missing, count: v.count)
            for i in 0..<v.count where missing.isEmpty || !missing[i] {
                guard (1000...9999).contains(v[i]) else {
                    throw .badTime(key.description, "row \(i + 1): \(v[i]) is not a four-digit year")
                }
                out[i] = Int32(v[i])
            }
            self.kind = .year
            self.index = out
        case .category(let codes, let levels):
            let parsed = try PeriodColumn.parseLevels(levels, key: key)
            var out = [Int32](repeating: PeriodColumn.missing, count: codes.count)
            var kind: PeriodKind?
            for i in 0..<codes.count where missing.isEmpty || !missing[i] {
                let p = parsed[Int(codes[i])]
                if let k = kind, k != p.kind {
                    throw .badTime(key.description, "row \(i + 1): \"\(levels[Int(codes[i])])\" is a \(p.kind.rawValue), other rows are \(k.rawValue)s")
                }
                kind = p.kind
                out[i] = Int32(p.index)
            }
            (self.kind, self.index) = try PeriodColumn.coarsened(kind ?? .year, out, to: key)
        case .text(let t):
            var out = [Int32](repeating: PeriodColumn.missing, count: t.count)
            var kind: PeriodKind?
            for i in 0..<t.count where missing.isEmpty || !missing[i] {
                guard let p = Period.parse(t[i]) else {
                    throw .badTime(key.description, "row \(i + 1): cannot read \"\(t[i])\" as a year, quarter or month")
                }
                if let k = kind, k != p.kind {
                    throw .badTime(key.description, "row \(i + 1): \"\(t[i])\" is a \(p.kind.rawValue), other rows are \(k.rawValue)s")
                }
                kind = p.kind
                out[i] = Int32(p.index)
            }
            (self.kind, self.index) = try PeriodColumn.coarsened(kind ?? .year, out, to: key)
        case .decimal, .boolean:
            throw .badTime(key.description, "column \"\(base.name)\" is \(base.type.rawValue); use a date column with :year, :quarter or :month, integer years, or period text like 2013年12月")
        }
    }

    /// Text periods read at their own precision, coarsened to the key's period when one is given
    /// (`月份:year` over `2013年12月` gives 2013); asking for a finer period than the text has is an error.
    static func coarsened(_ kind: PeriodKind, _ index: [Int32], to key: KeySpec) throws(TrendError) -> (PeriodKind, [Int32]) {
        guard let p = key.period else { return (kind, index) }
        guard let target = PeriodKind(rawValue: p.rawValue) else {
            throw .badTime(key.description, "a trend needs year, quarter or month periods, not days")
        }
        func rank(_ k: PeriodKind) -> Int { k == .month ? 0 : (k == .quarter ? 1 : 2) }
        if target == kind { return (kind, index) }
        if rank(target) < rank(kind) {
            throw .badTime(key.description, "the column holds \(kind.rawValue)s, coarser than a \(target.rawValue)")
        }
        let divisor: Int32 = kind == .month ? (target == .quarter ? 3 : 12) : 4
        let out = index.map { v -> Int32 in
            v == PeriodColumn.missing ? v : (v >= 0 ? v / divisor : (v - divisor + 1) / divisor)
        }
        return (target, out)
    }

    /// Builds a period column directly (tests, library users).
    public init(kind: PeriodKind, index: [Int32]) { self.kind = kind; self.index = index }

    private static func parseLevels(_ levels: [String], key: KeySpec) throws(TrendError) -> [Period] {
        var out: [Period] = []
        out.reserveCapacity(levels.count)
        for l in levels {
            guard let p = Period.parse(l) else {
                throw .badTime(key.description, "cannot read \"\(l)\" as a year, quarter or month")
            }
            out.append(p)
        }
        return out
    }
}
