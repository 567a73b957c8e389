import LaborStatTable

/// Maps region spellings to the groups of one level, and the rows of a column to those groups.
///
/// At `province`, `region4` and `region7` a spelling is first matched as a province
/// (`RegionMatcher`); at `region4`/`region7` a region's own name (`西部`, `西部地区`, `华东`) is
/// accepted too; failing that, a hierarchy (when given) finds its node and walks up until an
/// ancestor is a province. At `custom` a spelling's group is the top-most ancestor of its node.
public struct RegionResolver: Sendable {
    public let level: RegionLevel
    public let matcher: RegionMatcher
    public let hierarchy: RegionHierarchy?

    public enum Resolution: Sendable, Equatable {
        case group(RegionGroup)
        case ambiguous([String])
        case none
    }

    public init(level: RegionLevel, hierarchy: RegionHierarchy? = nil, matcher: RegionMatcher = .standard) throws(RegionError) {
        if level == .custom && hierarchy == nil {
            throw .invalid("--level custom needs --hierarchy FILE (a CSV of child,parent pairs)")
        }
        self.level = level
        self.hierarchy = hierarchy
        self.matcher = matcher
    }

    /// The group at this level of a province.
    public func group(of p: Province) -> RegionGroup {
        switch level {
        case .province, .custom:
            return RegionGroup(name: p.shortName, code: p.code, order: p.code)
        case .region4:
            return RegionGroup(name: p.region4, code: nil, order: Province.region4Names.firstIndex(of: p.region4) ?? 99)
        case .region7:
            return RegionGroup(name: p.region7, code: nil, order: Province.region7Names.firstIndex(of: p.region7) ?? 99)
        }
    }

    /// The group a spelling belongs to at this level.
    public func resolve(_ spelling: String) -> Resolution {
        if level == .custom { return resolveCustom(spelling) }
        switch matcher.match(spelling) {
        case .province(let p): return .group(group(of: p))
        case .ambiguous(let names): return .ambiguous(names)
        case .none: break
        }
        if level == .region4 || level == .region7, let g = regionGroup(spelling) { return .group(g) }
        guard let h = hierarchy else { return .none }
        switch h.find(spelling) {
        case .none: return .none
        case .ambiguous(let names): return .ambiguous(names)
        case .node(let i):
            for a in h.chain(i).dropFirst() {
                switch matcher.match(h.names[a]) {
                case .province(let p): return .group(group(of: p))
                case .ambiguous(let names): return .ambiguous(names)
                case .none: continue
                }
            }
            return .none
        }
    }

    /// A region's own name at region4/region7 (with or without 地区).
    func regionGroup(_ spelling: String) -> RegionGroup? {
        var k = RegionName.normalize(spelling)
        if k.hasSuffix("地区") && k.count > 2 { k = String(k.dropLast(2)) }
        let names = level == .region4 ? Province.region4Names : Province.region7Names
        guard let i = names.firstIndex(of: k) else { return nil }
        return RegionGroup(name: names[i], code: nil, order: i)
    }

    func resolveCustom(_ spelling: String) -> Resolution {
        guard let h = hierarchy else { return .none }
        switch h.find(spelling) {
        case .none: return .none
        case .ambiguous(let names): return .ambiguous(names)
        case .node(let i):
            let root = h.names[h.root(i)]
            if case .province(let p) = matcher.match(root) {
                return .group(RegionGroup(name: root, code: p.code, order: p.code))
            }
            return .group(RegionGroup(name: root, code: nil, order: Int.max / 2))
        }
    }
}

/// The rows of a table assigned to region groups.
public struct RegionAssignment: Sendable {
    /// Groups in output order (see `RegionGroup.order`; ties by name in code-point order).
    public var groups: [RegionGroup]
    /// For each row in view, its group's index in `groups`, or -1 when the row has no region.
    public var groupOfRow: [Int32]
    /// Data rows (1-based) whose region cell is empty; they are left out (the caller warns).
    public var missingRows: [Int]
    public var missingCount: Int
}

extension RegionResolver {
    /// Assigns each row in view of `table` to the group its `column` cell names.
    ///
    /// Spellings that match nothing or more than one group throw `RegionError.unmatched`, listing
    /// each with the first few data rows it occurs in, unless `keepUnmatched`: each such spelling
    /// is then a group of its own (named as written, after the matched groups). Rows with an empty
    /// cell are left out and reported in `missingRows`.
    public func assign(_ table: Table, column name: String, keepUnmatched: Bool, file: String?) throws -> RegionAssignment {
        let column = try table.column(named: name)
        let rows = table.rowIndices

        // 1. The distinct spellings, each row's spelling (-1: empty cell). Category columns are
        //    resolved once per level; other columns through a dictionary of the texts seen.
        var spellings: [String] = []
        var spellingOfRow = [Int32](repeating: -1, count: rows.count)
        var missingRows: [Int] = []
        var missingCount = 0
        func intern(_ s: String?) -> Int32 {
            guard let s, !s.trimmingWhitespace.isEmpty else { return -1 }
            spellings.append(s)
            return Int32(spellings.count - 1)
        }
        var i = 0
        if case .category(let codes, let levels) = column.storage {
            var levelSpelling = [Int32](repeating: -2, count: levels.count)
            for r in rows {
                if !column.missing.isEmpty && column.missing[r] { i += 1; continue }
                let c = Int(codes[r])
                if levelSpelling[c] == -2 { levelSpelling[c] = intern(levels[c]) }
                spellingOfRow[i] = levelSpelling[c]
                i += 1
            }
        } else {
            var index: [String: Int32] = [:]
            for r in rows {
                if let s = column.string(at: r) {
                    if let j = index[s] { spellingOfRow[i] = j } else { let j = intern(s); index[s] = j; spellingOfRow[i] = j }
                }
                i += 1
            }
        }

        // 2. Each spelling's group (index into `found`), or a bad spelling (-2 - index into `bad`).
        var found: [RegionGroup] = []
        var foundIndex: [RegionGroup: Int32] = [:]
        var bad: [(text: String, candidates: [String], rows: [Int], count: Int)] = []
        let codeOfSpelling: [Int32] = spellings.map { s in
            switch resolve(s) {
            case .group(let g):
                if let j = foundIndex[g] { return j }
                let j = Int32(found.count); foundIndex[g] = j; found.append(g); return j
            case .ambiguous(let names):
                bad.append((s, names, [], 0)); return -2 - Int32(bad.count - 1)
            case .none:
                bad.append((s, [], [], 0)); return -2 - Int32(bad.count - 1)
            }
        }

        // 3. Rows.
        var raw = [Int32](repeating: -1, count: rows.count)
        i = 0
        for r in rows {
            defer { i += 1 }
            let sp = spellingOfRow[i]
            if sp < 0 {
                missingCount += 1
                if missingRows.count < 5 { missingRows.append(r + 1) }
                continue
            }
            let code = codeOfSpelling[Int(sp)]
            raw[i] = code
            if code < 0 {
                let b = Int(-2 - code)
                bad[b].count += 1
                if bad[b].rows.count < 5 { bad[b].rows.append(r + 1) }
            }
        }
        if !bad.isEmpty && !keepUnmatched {
            func spelling(_ b: (text: String, candidates: [String], rows: [Int], count: Int)) -> UnmatchedSpelling {
                UnmatchedSpelling(text: b.text, count: b.count, rows: b.rows, candidates: b.candidates)
            }
            let sorted = bad.sorted { ($0.count, $1.text) > ($1.count, $0.text) }
            throw RegionError.unmatched(column: column.name, file: file,
                                        unmatched: sorted.filter { $0.candidates.isEmpty }.map(spelling),
                                        ambiguous: sorted.filter { !$0.candidates.isEmpty }.map(spelling), level: level)
        }
        // Unmatched spellings kept: one group per normal form, named as first written.
        var keptIndex: [String: Int32] = [:]
        var badGroup = [Int32](repeating: 0, count: bad.count)
        for (b, item) in bad.enumerated() {
            let k = RegionName.normalize(item.text)
            if let j = keptIndex[k] { badGroup[b] = j; continue }
            let g = RegionGroup(name: item.text.trimmingWhitespace, code: nil, matched: false, order: Int.max)
            let j = Int32(found.count)
            found.append(g)
            keptIndex[k] = j
            badGroup[b] = j
        }
        // Output order.
        let order = found.indices.sorted { a, b in
            if found[a].order != found[b].order { return found[a].order < found[b].order }
            return Array(found[a].name.utf8).lexicographicallyPrecedes(Array(found[b].name.utf8))
        }
        var position = [Int32](repeating: 0, count: found.count)
        for (p, g) in order.enumerated() { position[g] = Int32(p) }
        for j in raw.indices where raw[j] != -1 {
            let g = raw[j] >= 0 ? raw[j] : badGroup[Int(-2 - raw[j])]
            raw[j] = position[Int(g)]
        }
        return RegionAssignment(groups: order.map { found[$0] }, groupOfRow: raw, missingRows: missingRows, missingCount: missingCount)
    }
}
