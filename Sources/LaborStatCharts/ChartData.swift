/// Chart input as columns, for callers holding a table (the CLI): the charts module does not
/// depend on the table model, so callers convert the columns they use.
///
/// ```swift
/// let data = ChartData(x: ChartColumn("年份", numbers: years, isTime: true),
///                      y: ChartColumn("农民工总量", numbers: totals))
/// let svg = try Chart.make(.line, data: data, spec: spec).render()
/// ```
public struct ChartData: Sendable {
    public var x: ChartColumn
    public var y: ChartColumn?
    /// Series (line, scatter), grouped or stacked bars.
    public var color: ChartColumn?
    /// Small multiples: one panel per value.
    public var facet: ChartColumn?
    /// Error-bar ends for bar and hbar.
    public var low: ChartColumn?
    public var high: ChartColumn?

    public init(x: ChartColumn, y: ChartColumn? = nil, color: ChartColumn? = nil, facet: ChartColumn? = nil, low: ChartColumn? = nil, high: ChartColumn? = nil) {
        self.x = x; self.y = y; self.color = color; self.facet = facet; self.low = low; self.high = high
    }

    var rowCount: Int { x.count }
}

/// One column of chart input: numbers or text, nil = missing.
public struct ChartColumn: Sendable {
    public enum Values: Sendable {
        case numbers([Double?])
        case text([String?])
    }

    public var name: String
    public var values: Values
    /// Numbers are times in (fractional) years: a time axis with year or month ticks.
    public var isTime: Bool
    /// How each number reads as a category (e.g. "2013-12" for a month); default: the number.
    public var labels: [String?]?

    public init(_ name: String, numbers: [Double?], isTime: Bool = false, labels: [String?]? = nil) {
        self.name = name; self.values = .numbers(numbers); self.isTime = isTime; self.labels = labels
    }

    public init(_ name: String, text: [String?]) {
        self.name = name; self.values = .text(text); self.isTime = false; self.labels = nil
    }

    public var count: Int {
        switch values {
        case .numbers(let v): v.count
        case .text(let v): v.count
        }
    }

    var isNumeric: Bool { if case .numbers = values { return true }; return false }

    func number(_ i: Int) -> Double? { if case .numbers(let v) = values { return v[i] }; return nil }

    /// The value of row `i` as a category label.
    public func label(_ i: Int) -> String? {
        switch values {
        case .text(let v): return v[i]
        case .numbers(let v):
            if let l = labels { return l[i] }
            guard let x = v[i] else { return nil }
            return x.rounded() == x && abs(x) < 1e15 ? String(Int64(x)) : NumberFormat.fixed(x, decimals: 6, grouping: false).trimmingZeros
        }
    }

    /// Distinct labels in display order: numbers ascending, text in order of first appearance.
    func levels(rows: [Int]) -> [String] {
        var seen = Set<String>()
        var out: [(String, Double?)] = []
        for r in rows {
            guard let l = label(r), !seen.contains(l) else { continue }
            seen.insert(l)
            out.append((l, number(r)))
        }
        if isNumeric { out.sort { ($0.1 ?? 0) < ($1.1 ?? 0) } }
        return out.map(\.0)
    }

    /// Years look like years: whole numbers between 1000 and 2200.
    var looksLikeYears: Bool {
        guard case .numbers(let v) = values else { return false }
        let xs = v.compactMap { $0 }
        return !xs.isEmpty && xs.allSatisfy { $0.rounded() == $0 && $0 >= 1000 && $0 <= 2200 }
    }
}

/// The kinds of `laborstat chart`.
public enum ChartKind: String, Sendable, CaseIterable {
    case line, bar, hbar
    case stackedBar = "stacked-bar"
    case histogram, box, scatter, lorenz, tilemap
}

/// Where the tiles of a tile map go, and which tile a spelling in the data names (the CLI builds
/// it from LaborStatRegions' province grid and matcher).
public struct TileGrid: Sendable {
    public var tiles: [(label: String, row: Int, col: Int)]
    /// The index in `tiles` that a spelling names, nil when none; throws when ambiguous.
    public var locate: @Sendable (String) throws -> Int?

    public init(tiles: [(label: String, row: Int, col: Int)], locate: @escaping @Sendable (String) throws -> Int?) {
        self.tiles = tiles; self.locate = locate
    }
}

extension String {
    var trimmingZeros: String {
        guard contains(".") else { return self }
        var s = self
        while s.last == "0" { s.removeLast() }
        if s.last == "." { s.removeLast() }
        return s
    }
}
