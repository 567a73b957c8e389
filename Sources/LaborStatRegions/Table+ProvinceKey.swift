import LaborStatTable

/// The `COL:province` key: a column of province names however spelled (`广东`, `广东省`,
/// `Guangdong`, `440000`) grouped by the canonical division, short names in division-code order.
///
/// The key lives here, where both tables and regions are known: `LaborStatTable` parses `COL:year`
/// itself, but knows nothing of provinces. A command that groups by `COL:province` adds the key's
/// column to the table (`addingProvinceKeys`) and then groups by it by name.
extension Table {
    public static let provinceKeySuffix = ":province"

    /// Whether `name` is a province key (`省份:province`).
    public static func isProvinceKey(_ name: String) -> Bool {
        name.hasSuffix(provinceKeySuffix) && name.count > provinceKeySuffix.count
    }

    /// The table with a category column named `KEY` for every province key among `names`: the
    /// province's short name (levels in code order), missing where the cell is empty. A spelling
    /// that names no province, or more than one, throws `RegionError.unmatched` with its rows.
    public func addingProvinceKeys(_ names: [String], file: String? = nil) throws -> Table {
        var t = self
        for key in Set(names.filter(Table.isProvinceKey)).sorted() where !t.columnNames.contains(key) {
            let base = String(key.dropLast(Table.provinceKeySuffix.count))
            let resolver = try RegionResolver(level: .province)
            // Over all physical rows, so that the key column fits the table under any selection.
            let whole = t.selection == nil ? t : t.materializedView()
            let a = try resolver.assign(whole, column: base, keepUnmatched: false, file: file)
            var codes = [UInt32](repeating: 0, count: physicalRowCount)
            var missing = [Bool](repeating: true, count: physicalRowCount)
            for (i, g) in a.groupOfRow.enumerated() where g >= 0 { codes[i] = UInt32(g); missing[i] = false }
            var column = Column(name: key, storage: .category(codes: codes, levels: a.groups.map(\.name)), missing: MissingMask(missing))
            column.levelsOrdered = true
            try t.append(column)
        }
        return t
    }

    /// The table's rows without its selection (the physical rows, for whole-column work).
    func materializedView() -> Table { selecting(physicalRows: (0..<Int32(physicalRowCount)).map { $0 }) }

    /// Provinces that column `name` spells more than one way (`广东`, `广东省`), each with its
    /// spellings in first-seen order; empty when the column is not mostly province names.
    public func provinceSpellingSplits(column name: String) -> [(province: String, spellings: [String])] {
        guard let column = try? column(named: name) else { return [] }
        var distinct: [String] = []
        switch column.storage {
        case .category(_, let levels): distinct = levels
        case .text:
            var seen = Set<String>()
            for r in rowIndices { if let s = column.string(at: r), seen.insert(s).inserted { distinct.append(s); if distinct.count > 2000 { return [] } } }
        default: return []
        }
        guard distinct.count >= 2, distinct.count <= 2000, let resolver = try? RegionResolver(level: .province) else { return [] }
        var byProvince: [Int: [String]] = [:]
        var order: [Int] = []
        var matched = 0
        for s in distinct {
            guard case .group(let g) = resolver.resolve(s), let code = g.code else { continue }
            matched += 1
            if byProvince[code] == nil { order.append(code) }
            byProvince[code, default: []].append(s)
        }
        guard matched * 5 >= distinct.count * 4 else { return [] }
        return order.sorted().compactMap { code in
            guard let s = byProvince[code], s.count > 1, case .group(let g) = resolver.resolve(s[0]) else { return nil }
            return (g.name, s)
        }
    }
}
