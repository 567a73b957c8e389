import Foundation
import LaborStatTable

/// Joins the parts of one column (one per chunk of rows) into a `Column`, deciding the type from
/// the counts of all parts together (`InferenceRule`). A part built in another mode, or whose units
/// conflict with the column's, is rebuilt by `rebuild(partIndex, mode, unit)`.
struct ColumnAssembler {
    let name: String
    let forced: ColumnType?
    let keepText: Bool

    /// The problems kept for a column (the count is exact).
    static let problemsKept = 200

    /// Joins `parts` (emptied on the way, so that each part's memory is freed once copied).
    func assemble(_ parts: inout [ColumnPart], rebuild: (Int, BuildMode, NumberUnit?) -> ColumnPart)
        -> (column: Column, problems: [RawProblem], rowOffsets: [Int]) {
        let total = parts.reduce(KindCounts()) { $0 + $1.counts }
        let mode: BuildMode
        if keepText { mode = .string }
        else if let f = forced {
            switch f {
            case .integer, .decimal: mode = .number
            case .date: mode = .date
            case .boolean: mode = .boolean
            case .category, .text: mode = .string
            }
        } else {
            var decided = InferenceRule.decide(total)
            // Identifiers stay text: named so by the header, or written so (leading zeros, IDs).
            if decided == .number && (IdentifierPattern.headerNamesIdentifier(name) || (total.identifiers > 0 && total.decimal == 0)) {
                decided = .string
            }
            mode = decided
        }

        // The column's unit: the most frequent among its numbers.
        var unit = NumberUnit.none
        if mode == .number {
            var best = -1
            for u in NumberUnit.allCases where total.units[Int(u.rawValue)] > best {
                best = total.units[Int(u.rawValue)]
                unit = u
            }
        }
        for i in parts.indices {
            var redo = parts[i].mode != mode
            if !redo && mode == .number {
                if parts[i].mixedUnits { redo = true }
                else if let u = parts[i].unit, parts[i].counts.integer + parts[i].counts.decimal > 0, InferenceRule.conflicts(u, unit) { redo = true }
            }
            if redo { parts[i] = rebuild(i, mode, mode == .number ? unit : nil) }
        }
        var rowOffsets: [Int] = []
        var r = 0
        for p in parts { rowOffsets.append(r); r += p.rows }
        let rowCount = r

        var words = [UInt64](repeating: 0, count: parts.contains { $0.missingCount > 0 } ? (rowCount + 63) / 64 : 0)
        for i in parts.indices where parts[i].missingCount > 0 {
            let base = rowOffsets[i]
            for (wi, w) in parts[i].missingWords.enumerated() where w != 0 {
                var bits = w
                while bits != 0 {
                    let r = base + wi * 64 + bits.trailingZeroBitCount
                    words[r >> 6] |= 1 << UInt64(r & 63)
                    bits &= bits - 1
                }
            }
        }
        let missing = MissingMask(words: words, count: rowCount)
        var problems: [RawProblem] = []
        var problemCount = 0
        for i in parts.indices {
            problemCount += parts[i].problemCount
            for var q in parts[i].problems where problems.count < Self.problemsKept {
                q.row += rowOffsets[i]
                problems.append(q)
            }
        }

        let storage: ColumnStorage
        var unitText: String? = nil
        switch mode {
        case .number:
            let decimal = forced == .decimal || (forced != .integer && parts.contains { $0.isDecimal })
            if decimal {
                var v = [Double]()
                v.reserveCapacity(rowCount)
                for i in parts.indices {
                    if parts[i].isDecimal { v.append(contentsOf: parts[i].doubles) } else { v.append(contentsOf: parts[i].ints.lazy.map { Double($0) }) }
                    parts[i].doubles = []; parts[i].ints = []
                }
                storage = .decimal(v)
            } else {
                var v = [Int64]()
                v.reserveCapacity(rowCount)
                for i in parts.indices { v.append(contentsOf: parts[i].ints); parts[i].ints = [] }
                storage = .integer(v)
            }
            if unit != .none { unitText = unit.text }
            else {
                // Bare numbers with an occasional unit: the unit names the column.
                var best = 0
                for u in NumberUnit.allCases where u != .none && u != .percent && total.units[Int(u.rawValue)] > best {
                    best = total.units[Int(u.rawValue)]
                    unitText = u.text
                }
                // Numbers without a unit of their own: a unit in the header's brackets names it.
                if unitText == nil { unitText = ColumnAssembler.headerUnit(name) }
            }
        case .date:
            var v = [Int32]()
            v.reserveCapacity(rowCount)
            var precision = DatePrecision.year
            for i in parts.indices {
                v.append(contentsOf: parts[i].days); parts[i].days = []
                if parts[i].precision < precision { precision = parts[i].precision }
            }
            storage = .date(v, precision)
        case .boolean:
            var v = [Bool]()
            v.reserveCapacity(rowCount)
            for i in parts.indices { v.append(contentsOf: parts[i].bools); parts[i].bools = [] }
            storage = .boolean(v)
        case .string:
            storage = mergeStrings(&parts, rowCount: rowCount, nonMissing: total.nonMissing)
        }
        let column = Column(name: name, storage: storage, missing: missing, unit: unitText, problems: [], problemCount: problemCount)
        return (column, problems, rowOffsets)
    }

    /// The unit written in a header's trailing brackets, `欠薪金额（元）` → 元, `农民工总量(万人)` → 万人.
    /// Only units of counts and amounts: a `（%）` header holds percent points while a `12%` cell
    /// is read as the fraction 0.12, so `%` is never taken from a header.
    static func headerUnit(_ header: String) -> String? {
        let h = header.trimmingCharacters(in: .whitespaces)
        guard let close = h.last, close == ")" || close == "）" else { return nil }
        guard let open = h.lastIndex(where: { $0 == "(" || $0 == "（" }) else { return nil }
        let inner = h[h.index(after: open)..<h.index(before: h.endIndex)].trimmingCharacters(in: .whitespaces)
        return headerUnits.contains(inner) ? inner : nil
    }

    static let headerUnits: Set<String> = ["元", "万元", "亿元", "人", "万人", "人次", "万人次", "户", "个", "件", "家", "起",
                                           "岁", "年", "月", "天", "日", "小时", "平方米", "公斤", "吨"]

    /// Category parts merge their dictionaries (codes remapped, first-seen order); any text part,
    /// or too many distinct values, makes the column text.
    func mergeStrings(_ parts: inout [ColumnPart], rowCount: Int, nonMissing: Int) -> ColumnStorage {
        let anyText = parts.contains { $0.text != nil }
        if !anyText {
            var global = ByteInterner(capacity: parts.first?.interner?.count ?? 16)
            var remaps: [[UInt32]] = []
            for p in parts {
                guard let local = p.interner else { remaps.append([]); continue }
                var remap = [UInt32](repeating: 0, count: local.count)
                for c in 0..<local.count { remap[c] = local.withLevel(c) { global.intern($0, $1) } }
                remaps.append(remap)
            }
            if forced == .category || InferenceRule.isCategory(levels: global.count, nonMissing: nonMissing) {
                var codes = [UInt32]()
                codes.reserveCapacity(rowCount)
                for i in parts.indices {
                    let remap = remaps[i]
                    if remap.isEmpty { codes.append(contentsOf: repeatElement(0, count: parts[i].codes.count)) }
                    else { codes.append(contentsOf: parts[i].codes.lazy.map { remap[Int($0)] }) }
                    parts[i].codes = []
                }
                let levels = (0..<global.count).map { global.level($0) }
                return .category(codes: codes, levels: levels)
            }
        }
        if parts.count == 1, let t = parts[0].text { parts[0].text = nil; return .text(t.buffer) }
        var text = TextParts()
        text.bytes.reserveCapacity(parts.reduce(0) { $0 + ($1.text?.bytes.count ?? 0) })
        text.offsets.reserveCapacity(rowCount + 1)
        for i in parts.indices {
            if let t = parts[i].text { text.append(t) }
            else {
                let b = ColumnBuilder(classifier: CellClassifier(options: ReadOptions()), name: name, forced: nil)
                text.append(b.textFromCategory(parts[i].codes, parts[i].interner!, parts[i]))
            }
            parts[i].text = nil; parts[i].codes = []; parts[i].interner = nil
        }
        return .text(text.buffer)
    }
}
