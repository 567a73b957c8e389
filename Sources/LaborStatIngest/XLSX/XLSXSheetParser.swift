import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LaborStatTable

/// A worksheet's `<sheetData>` as rows of cell text, placed by each cell's `r` reference (rows and
/// cells are sparse: empty ones are simply absent).
///
/// Cell types (ECMA-376 §18.18.11): `s` shared string, `inlineStr` (`<is>` text), `str` formula
/// text result, `b` boolean, `e` error (`#DIV/0!` kept as text), `d` ISO date; `n` or none a number,
/// which is a date or time when its style's number format says so. A formula (`<f>`) without a
/// cached `<v>` is an error: its result is unknown, and reading it as 0 or as missing would be
/// silently wrong.
final class SheetParser: XLSXPartDelegate {
    let path: String
    let sheetName: String
    let sharedStrings: [String]
    let styles: [NumberFormatKind]
    let date1904: Bool
    let maxCells: Int

    private(set) var rows: [[String?]] = []
    private(set) var width = 0
    private var cellCount = 0
    /// Date text per serial: registers repeat dates, and formatting is the costly part of a date cell.
    private var dateCache: [Double: String] = [:]

    private var rowIndex = -1
    private var nextColumn = 0
    private var cellRow = 0, cellColumn = 0
    private var cellType: String?
    private var cellStyle = 0
    private var value = "", formula = "", inline = ""
    private var hasValue = false, hasFormula = false
    private var inValue = false, inFormula = false, inInline = false, inInlineText = false, inPhonetic = false

    init(path: String, sheetName: String, sharedStrings: [String], styles: [NumberFormatKind], date1904: Bool, maxCells: Int) {
        self.path = path
        self.sheetName = sheetName
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
        self.maxCells = maxCells
    }

    override func start(_ parser: XMLParser, _ name: Substring, _ attributes: [String: String]) {
        switch name {
        case "row":
            if let r = attributes["r"].flatMap({ Int($0) }), r >= 1 { rowIndex = r - 1 } else { rowIndex += 1 }
            nextColumn = 0
        case "c":
            cellRow = rowIndex
            cellColumn = nextColumn
            if let ref = attributes["r"] {
                guard let (r, c) = SheetParser.cellReference(ref) else {
                    fail(parser, .malformed(location(), "bad cell reference \"\(ref)\" in sheet \"\(sheetName)\"", hint: nil))
                    return
                }
                cellColumn = c
                if let r { cellRow = r }
            }
            if cellRow < 0 { cellRow = 0 }
            cellType = attributes["t"]
            cellStyle = attributes["s"].flatMap { Int($0) } ?? 0
            value = ""; formula = ""; inline = ""
            hasValue = false; hasFormula = false
        case "v": inValue = true
        case "f": hasFormula = true; inFormula = true
        case "is": inInline = true
        case "t": if inInline && !inPhonetic { inInlineText = true }
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func text(_ parser: XMLParser, _ string: String) {
        if inValue { value += string } else if inInlineText { inline += string } else if inFormula { formula += string }
    }

    override func end(_ parser: XMLParser, _ name: Substring) {
        switch name {
        case "v": inValue = false; hasValue = true
        case "f": inFormula = false
        case "t": inInlineText = false
        case "rPh": inPhonetic = false
        case "is": inInline = false
        case "c":
            nextColumn = cellColumn + 1
            do throws(IngestError) {
                if let text = try cellText() { try store(text) }
            } catch {
                fail(parser, error)
            }
        default: break
        }
    }

    // MARK: - Cells

    private func cellText() throws(IngestError) -> String? {
        switch cellType {
        case "s":
            guard let i = Int(value.trimmingCharacters(in: .whitespaces)), i >= 0, i < sharedStrings.count else {
                throw .malformed(location(), "cell \(reference) in sheet \"\(sheetName)\" refers to shared string \"\(value)\", which the workbook does not have", hint: "the workbook may be damaged")
            }
            return sharedStrings[i]
        case "inlineStr":
            return decodeOOXMLEscapes(inline)
        case "str":
            if !hasValue && hasFormula { throw noCachedValue() }
            return decodeOOXMLEscapes(value)
        case "b":
            if !hasValue || value.isEmpty { if hasFormula { throw noCachedValue() }; return nil }
            return value == "1" || value.lowercased() == "true" ? "true" : "false"
        case "e":
            return value
        case "d":
            return hasValue && !value.isEmpty ? ExcelDate.isoText(value) : nil
        default:
            if !hasValue || value.isEmpty {
                if hasFormula { throw noCachedValue() }
                return nil
            }
            guard let x = Double(value) ?? Double(value.trimmingCharacters(in: .whitespaces)) else {
                throw .malformed(location(), "cell \(reference) in sheet \"\(sheetName)\" holds \"\(value)\" where the file format requires a number", hint: "the workbook may be damaged")
            }
            switch cellStyle < styles.count ? styles[cellStyle] : .number {
            case .number: return SheetParser.shortest(x)
            case .date:
                if let cached = dateCache[x] { return cached }
                let text = ExcelDate.text(serial: x, date1904: date1904) ?? NumberText.shortest(x)
                if dateCache.count < 1 << 16 { dateCache[x] = text }
                return text
            case .time: return ExcelDate.timeText(serial: x) ?? ExcelDate.text(serial: x, date1904: date1904) ?? NumberText.shortest(x)
            }
        }
    }

    private func noCachedValue() -> IngestError {
        let f = formula.isEmpty ? "a shared formula" : "=\(formula)"
        return .malformed(location(), "cell \(reference) in sheet \"\(sheetName)\" holds a formula (\(f)) without a saved result",
                          hint: "open the file in Excel, LibreOffice or WPS and save it, so that formula results are stored (openpyxl writes formulas without results)")
    }

    private func store(_ text: String) throws(IngestError) {
        if cellRow >= rows.count {
            let newRows = cellRow + 1 - rows.count
            try count(newRows * width)
            rows.append(contentsOf: repeatElement([String?](repeating: nil, count: width), count: newRows))
        }
        if cellColumn >= width {
            try count((cellColumn + 1 - width) * rows.count)
            for i in rows.indices { rows[i].append(contentsOf: repeatElement(nil, count: cellColumn + 1 - width)) }
            width = cellColumn + 1
        }
        rows[cellRow][cellColumn] = text
    }

    /// Counts cells of the filled rectangle against the limit.
    private func count(_ n: Int) throws(IngestError) {
        cellCount += n
        if cellCount > maxCells {
            throw .unsupported("\(path): sheet \"\(sheetName)\" has more than \(maxCells) cells (rows × columns up to cell \(reference)); refusing to read it")
        }
    }

    private var reference: String { SheetParser.columnName(cellColumn) + String(cellRow + 1) }

    private func location() -> SourceLocation {
        SourceLocation(file: path, line: cellRow + 1, column: cellColumn + 1)
    }

    /// `NumberText.shortest(x)` with the common cases (whole numbers, no exponent) done without its
    /// `Character`-wise scan, which costs more than the XML parse of the cell.
    static func shortest(_ x: Double) -> String {
        if x.isFinite, x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        let s = x.description
        if x.isFinite, !s.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) { return s }
        return NumberText.shortest(x)
    }

    // MARK: - References

    /// `AB12` → (row 11, column 27), 0-based; the row is nil in a bare column reference.
    static func cellReference(_ ref: String) -> (Int?, Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in ref.utf8 {
            switch b {
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard digits == 0, letters < 3 else { return nil }
                column = column * 26 + Int((b | 0x20) - UInt8(ascii: "a")) + 1
                letters += 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard letters > 0, digits < 7 else { return nil }
                row = row * 10 + Int(b - UInt8(ascii: "0"))
                digits += 1
            default: return nil
            }
        }
        guard letters > 0, column <= 16_384 else { return nil }
        if digits == 0 { return (nil, column - 1) }
        guard row >= 1 else { return nil }
        return (row - 1, column - 1)
    }

    /// 0 → `A`, 25 → `Z`, 26 → `AA`.
    static func columnName(_ index: Int) -> String {
        var n = index + 1, s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }
}
