/// A user-supplied hierarchy below (or above) the provinces: pairs (child, parent) such as
/// (朝阳区, 北京市), (西安市, 陕西省), (610102, 西安市), (关中, 陕西).
///
/// Rules, checked when it is built:
/// - a child has one parent: the same child listed with two different parents is an error
///   (an identical repeated pair is accepted);
/// - no cycles (`a → b → a`, or a node that is its own parent).
///
/// Names are compared in `RegionName`'s normal form. A data value finds its node by that form,
/// or else with one suffix removed on both sides (区, 县, 市, 旗, 盟, 州, 地区, 自治州, 自治县,
/// 新区…): `朝阳` finds `朝阳区` — unless the hierarchy also holds `朝阳市`, when it is ambiguous.
public struct RegionHierarchy: Sendable {
    /// Node names as first written in the file, indexed by node number.
    public private(set) var names: [String] = []
    /// Parent of each node (nil for a root).
    public private(set) var parent: [Int?] = []
    var index: [String: Int] = [:]
    var looseIndex: [String: [Int]] = [:]

    /// Suffixes of city and county names, longest first.
    static let lowerSuffixes = [
        "自治州", "自治县", "自治旗", "林区", "新区", "地区", "特区", "区", "县", "市", "旗", "盟", "州",
    ]

    /// Builds the hierarchy from (child, parent, data row) triples; `file` names the source in errors.
    public init(pairs: [(child: String, parent: String, row: Int)], file: String) throws(RegionError) {
        var parentRow: [Int: (Int, Int)] = [:] // child → (parent, row)
        for (child, par, row) in pairs {
            let c = node(child), p = node(par)
            if let (old, oldRow) = parentRow[c] {
                if old != p {
                    throw .hierarchyDuplicate(file: file, child: child, parents: [names[old], par], rows: [oldRow, row])
                }
                continue
            }
            parentRow[c] = (p, row)
            parent[c] = p
        }
        // Cycles: walk up from every node; a walk longer than the node count has looped.
        for start in names.indices {
            var seen: [Int] = [start]
            var at = start
            while let p = parent[at] {
                if let i = seen.firstIndex(of: p) {
                    throw .hierarchyCycle(file: file, cycle: (seen[i...] + [p]).map { names[$0] })
                }
                seen.append(p)
                at = p
            }
        }
        for (i, n) in names.enumerated() {
            looseIndex[RegionHierarchy.loose(RegionName.normalize(n)), default: []].append(i)
        }
    }

    private mutating func node(_ name: String) -> Int {
        let k = RegionName.normalize(name)
        if let i = index[k] { return i }
        index[k] = names.count
        names.append(name.trimmingWhitespace)
        parent.append(nil)
        return names.count - 1
    }

    static func loose(_ k: String) -> String {
        for s in RegionName.chineseSuffixes + lowerSuffixes where k.hasSuffix(s) && k.count > s.count {
            return String(k.dropLast(s.count))
        }
        return k
    }

    /// The node a spelling names: exact normal form first, then without a suffix.
    public func find(_ spelling: String) -> NodeMatch {
        let k = RegionName.normalize(spelling)
        if let i = index[k] { return .node(i) }
        let c = looseIndex[RegionHierarchy.loose(k)] ?? []
        switch c.count {
        case 0: return .none
        case 1: return .node(c[0])
        default: return .ambiguous(c.map { names[$0] })
        }
    }

    public enum NodeMatch: Sendable, Equatable {
        case node(Int)
        case ambiguous([String])
        case none
    }

    /// The node and its ancestors, nearest first.
    public func chain(_ i: Int) -> [Int] {
        var out = [i]
        var at = i
        while let p = parent[at] { out.append(p); at = p }
        return out
    }

    /// The top-most ancestor.
    public func root(_ i: Int) -> Int { chain(i).last! }
}

extension String {
    var trimmingWhitespace: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}
