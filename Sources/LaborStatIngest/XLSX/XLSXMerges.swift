import LaborStatTable

/// Merged ranges applied to a sheet's rows, by the rule shared with table-region detection:
///
/// - a range within one column over several rows (a key such as 省份 merged down its rows) has its
///   value filled down into every row of the range, as the person who merged it means it;
/// - any other range (across columns, or a block) keeps its value in the top-left cell only, as
///   Excel's own CSV export shows it; cells a producer wrote under the range are cleared.
///
/// Work and new cells count against `maxCells`, so that a hostile file of many huge merged ranges
/// is refused rather than run for hours.
enum SheetMerges {
    static func apply(to sheet: inout XLSXSheet, maxCells: Int, path: String) throws(IngestError) {
        guard !sheet.merges.isEmpty else { return }
        var work = 0
        // Fill-downs first collected by row number, then written (rows may have to be created).
        var fills: [Int: [(column: Int, value: String)]] = [:]
        for m in sheet.merges {
            let top = rowPosition(sheet.rowNumbers, m.firstRow + 1)
            let topValue: String? = top.found ? cell(sheet.rows[top.index], m.firstColumn) : nil
            if m.columnCount == 1 {
                guard let topValue else { continue }
                work += m.rowCount
                if work > maxCells { throw tooManyCells(maxCells: maxCells, sheetName: sheet.name, path: path, at: m.description) }
                for r in (m.firstRow + 1)...m.lastRow { fills[r + 1, default: []].append((m.firstColumn, topValue)) }
            } else {
                // Clear every cell of the range but the top-left, in the rows that exist.
                var k = rowPosition(sheet.rowNumbers, m.firstRow + 1).index
                while k < sheet.rowNumbers.count, sheet.rowNumbers[k] <= m.lastRow + 1 {
                    let isTop = sheet.rowNumbers[k] == m.firstRow + 1
                    let from = isTop ? m.firstColumn + 1 : m.firstColumn
                    let to = min(m.lastColumn, sheet.rows[k].count - 1)
                    if from <= to {
                        work += to - from + 1
                        if work > maxCells { throw tooManyCells(maxCells: maxCells, sheetName: sheet.name, path: path, at: m.description) }
                        for c in from...to { sheet.rows[k][c] = nil }
                    }
                    k += 1
                }
            }
        }
        guard !fills.isEmpty else { return }
        // Merge the filled rows into the sparse rows, in row order.
        var rows: [[String?]] = [], numbers: [Int] = []
        rows.reserveCapacity(sheet.rows.count + fills.count)
        numbers.reserveCapacity(sheet.rows.count + fills.count)
        let extra = fills.keys.sorted()
        var e = 0
        func put(_ number: Int, _ row: [String?]) {
            var row = row
            for (c, v) in fills[number] ?? [] {
                if c >= row.count { row.append(contentsOf: repeatElement(nil, count: c + 1 - row.count)) }
                row[c] = v
            }
            rows.append(row)
            numbers.append(number)
        }
        for (k, number) in sheet.rowNumbers.enumerated() {
            while e < extra.count, extra[e] < number { put(extra[e], []); e += 1 }
            if e < extra.count, extra[e] == number { e += 1 }
            put(number, sheet.rows[k])
        }
        while e < extra.count { put(extra[e], []); e += 1 }
        sheet.rows = rows
        sheet.rowNumbers = numbers
        sheet.width = rows.reduce(0) { max($0, $1.count) }
    }

    /// Where row `number` is (or would be inserted) in the sorted row numbers.
    private static func rowPosition(_ numbers: [Int], _ number: Int) -> (index: Int, found: Bool) {
        var lo = 0, hi = numbers.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if numbers[mid] < number { lo = mid + 1 } else { hi = mid }
        }
        return (lo, lo < numbers.count && numbers[lo] == number)
    }

    private static func cell(_ row: [String?], _ column: Int) -> String? {
        column < row.count ? row[column] : nil
    }
}
