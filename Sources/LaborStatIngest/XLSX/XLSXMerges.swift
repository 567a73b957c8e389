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
        // A fill creates at most one row per cell, and the table is rows × width cells: fills
        // beyond maxCells / width could only end in a refusal, so they are refused as they come.
        let fillLimit = maxCells / Swift.max(sheet.width, 2)
        // Fill-downs first collected flat (row number, column, merge), then written in row order.
        var fills: [(row: Int32, column: Int32, merge: Int32)] = []
        var fillValues: [String] = []
        for m in sheet.merges {
            let top = rowPosition(sheet.rowNumbers, m.firstRow + 1)
            let topValue: String? = top.found ? cell(sheet.rows[top.index], m.firstColumn) : nil
            if m.columnCount == 1 {
                guard let topValue else { continue }
                if fills.count + m.rowCount - 1 > fillLimit { throw tooManyCells(maxCells: maxCells, sheetName: sheet.name, path: path, at: m.description) }
                fillValues.append(topValue)
                for r in (m.firstRow + 1)...m.lastRow { fills.append((Int32(r + 1), Int32(m.firstColumn), Int32(fillValues.count - 1))) }
            } else {
                // Clear every cell of the range but the top-left, in the rows that exist.
                var k = top.index
                while k < sheet.rowNumbers.count, sheet.rowNumbers[k] <= m.lastRow + 1 {
                    let isTop = sheet.rowNumbers[k] == m.firstRow + 1
                    let from = isTop ? m.firstColumn + 1 : m.firstColumn
                    let to = Swift.min(m.lastColumn, sheet.rows[k].count - 1)
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
        fills.sort { ($0.row, $0.column) < ($1.row, $1.column) }
        // Merge the filled cells into the sparse rows, in row order.
        var rows: [[String?]] = [], numbers: [Int] = []
        rows.reserveCapacity(sheet.rows.count)
        numbers.reserveCapacity(sheet.rows.count)
        var f = 0
        func put(_ number: Int, _ row: [String?]) {
            var row = row
            while f < fills.count, Int(fills[f].row) == number {
                let c = Int(fills[f].column)
                if c >= row.count { row.append(contentsOf: repeatElement(nil, count: c + 1 - row.count)) }
                row[c] = fillValues[Int(fills[f].merge)]
                f += 1
            }
            rows.append(row)
            numbers.append(number)
        }
        for (k, number) in sheet.rowNumbers.enumerated() {
            while f < fills.count, Int(fills[f].row) < number { put(Int(fills[f].row), []) }
            put(number, sheet.rows[k])
        }
        while f < fills.count { put(Int(fills[f].row), []) }
        sheet.rows = rows
        sheet.rowNumbers = numbers
        sheet.width = rows.reduce(0) { Swift.max($0, $1.count) }
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
