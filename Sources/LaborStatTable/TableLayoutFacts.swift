/// What a reader found around the data of a file laid out as offices lay them out: title rows, a
/// unit line, the header rows, and the rows it left out of the data (totals, notes, blank rows),
/// with the check of each totals row against the rows it totals. Rows are the file's 1-based lines
/// (CSV/TSV) or the sheet's row numbers (XLSX).
public struct TableLayoutFacts: Sendable, Codable, Equatable {
    /// A row above the header that is not part of the table.
    public struct SkippedRow: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable { case title, unit, blank, skipped }
        public var row: Int
        public var kind: Kind
        public var text: String
        public init(row: Int, kind: Kind, text: String) { self.row = row; self.kind = kind; self.text = text }
    }

    /// A row of the table's body that is not data.
    public struct LeftOutRow: Sendable, Codable, Equatable {
        public enum Kind: String, Sendable, Codable { case blank, total, subtotal, note }
        public var row: Int
        public var kind: Kind
        /// The row's label (`合计`, `其中：女`, `注：…`); empty for blank rows.
        public var label: String
        public init(row: Int, kind: Kind, label: String) { self.row = row; self.kind = kind; self.label = label }
    }

    /// The check of one column of a totals row: the sum of the rows it totals against what it says.
    public struct TotalsCheck: Sendable, Codable, Equatable {
        public var row: Int
        public var label: String
        public var column: String
        public var sum: Double
        public var stated: Double
        /// Whether the two agree within the rounding of the displayed digits.
        public var addsUp: Bool
        public init(row: Int, label: String, column: String, sum: Double, stated: Double, addsUp: Bool) {
            self.row = row; self.label = label; self.column = column; self.sum = sum; self.stated = stated; self.addsUp = addsUp
        }
    }

    public var headerRows: [Int] = []
    public var skipped: [SkippedRow] = []
    /// The unit line as written (`单位：万元`), when there is one.
    public var unitLine: String? = nil
    public var leftOut: [LeftOutRow] = []
    /// Whether rows recognised as totals, notes or blank were kept as data (`keepTotals`).
    public var keptTotals = false
    public var totals: [TotalsCheck] = []

    public init() {}

    /// Whether there is anything to say.
    public var isPlain: Bool { skipped.isEmpty && unitLine == nil && leftOut.isEmpty && headerRows.count <= 1 }

    /// The left-out rows as a short list, consecutive rows of one reason joined:
    /// `15 (blank), 16 (合计), 17–18 (notes)`.
    public var leftOutSummary: String {
        var parts: [String] = []
        var i = 0
        while i < leftOut.count {
            let r = leftOut[i]
            var j = i
            while j + 1 < leftOut.count, leftOut[j + 1].row == leftOut[j].row + 1, Self.reason(leftOut[j + 1]) == Self.reason(r) { j += 1 }
            let rows = j > i ? "\(r.row)–\(leftOut[j].row)" : "\(r.row)"
            parts.append("\(rows) (\(Self.reason(r)))")
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    static func reason(_ r: LeftOutRow) -> String {
        switch r.kind {
        case .blank: "blank"
        case .note: "notes"
        case .total, .subtotal: r.label
        }
    }
}
