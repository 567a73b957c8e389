import LaborStat

/// The text of the notes about a file's layout (`TableLayoutFacts`), with the flags that change it.
enum LayoutNote {
    static func lines(_ f: TableLayoutFacts) -> [String] {
        var out: [String] = []
        if !f.skipped.isEmpty || f.headerRows.count > 1 {
            var s = f.headerRows.isEmpty ? "no header" : "header on \(rows(f.headerRows))"
            if f.headerRows.count > 1 { s += " (joined)" }
            if !f.skipped.isEmpty {
                s += (f.headerRows.isEmpty ? ", before the data " : ", above it ") + f.skipped.map { r in
                    r.kind == .unit ? "\(r.row) (unit line \(r.text))" : "\(r.row) (\(r.kind.rawValue))"
                }.joined(separator: ", ")
            }
            s += "; --skip-rows N --header-rows K name them"
            out.append(s)
        }
        if !f.leftOut.isEmpty {
            let n = f.leftOut.count
            var s = f.keptTotals
                ? "kept \(n) row\(n == 1 ? "" : "s") that look like totals, notes or blanks as data (--keep-totals): \(f.leftOutSummary)"
                : "left out \(n) row\(n == 1 ? "" : "s"): \(f.leftOutSummary); --keep-totals keeps them"
            s += totals(f.totals)
            out.append(s)
        }
        return out
    }

    /// `; the 合计 row 16 adds up` or `; the 合计 row 16 does not add up: 欠薪金额 sums to 1535.06 over the data rows, the row says 1600`.
    static func totals(_ checks: [TableLayoutFacts.TotalsCheck]) -> String {
        var byRow: [(Int, String, [TableLayoutFacts.TotalsCheck])] = []
        for c in checks {
            if let i = byRow.firstIndex(where: { $0.0 == c.row }) { byRow[i].2.append(c) } else { byRow.append((c.row, c.label, [c])) }
        }
        var s = ""
        for (row, label, cs) in byRow {
            let bad = cs.filter { !$0.addsUp }
            if bad.isEmpty { s += "; the \(label) row \(row) adds up" ; continue }
            s += "; the \(label) row \(row) does not add up: " + bad.map {
                "\($0.column) sums to \(NumberText.shortest(($0.sum * 1e8).rounded() / 1e8)) over the data rows, the row says \(NumberText.shortest($0.stated))"
            }.joined(separator: ", ")
        }
        return s
    }

    static func rows(_ r: [Int]) -> String {
        guard let a = r.first, let b = r.last else { return "" }
        return a == b ? "row \(a)" : "rows \(a)–\(b)"
    }
}
