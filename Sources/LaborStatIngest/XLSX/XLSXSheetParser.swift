import Foundation
import LaborStatTable

/// A worksheet's XML as rows of cell text, placed by each cell's `r` reference, kept sparse: only
/// rows that hold a value are stored (with their row numbers), each as long as its rightmost value.
///
/// Cell types (ECMA-376 §18.18.11): `s` shared string, `inlineStr` (`<is>` text), `str` formula
/// text result, `b` boolean, `e` error, `d` ISO date; `n` or none a number, which is a date or time
/// when its style's number format says so. Error values (`t="e"`, or text that is exactly one of
/// Excel's error codes) are missing cells, collected in `errorCells`. A formula (`<f>`) without a
/// cached `<v>` is an error: its result is unknown, and reading it as 0 or as missing would be
/// silently wrong. `<dimension>` and `<mergeCell>` are collected for the reader.
struct SheetHandler: XMLByteHandler {
    let path: String
    let sheetName: String
    let sharedStrings: [String]
    let styles: [NumberFormatKind]
    let date1904: Bool
    let maxCells: Int

    private(set) var rows: [[String?]] = []
    private(set) var rowNumbers: [Int] = []
    private(set) var width = 0
    /// False when a row came after a later one (or twice): the reader then sorts and combines them.
    private(set) var inOrder = true
    private(set) var dimension: String?
    private(set) var merges: [XLSXCellRange] = []
    private(set) var errorCells: [XLSXErrorCell] = []
    /// A row or cell placed by the one before it (no `r`): such a sheet cannot be read in pieces.
    private(set) var placedByOrder = false
    /// Cells of the stored rows' arrays (the memory the sheet takes), against `maxCells`.
    private var allocated = 0
    /// Date text per whole-day serial (direct-mapped): registers repeat dates, and formatting is
    /// the costly part of a date cell.
    private var dateSerials = [Int](repeating: -1, count: 4096)
    private var dateTexts = [String](repeating: "", count: 4096)

    private var current: [String?] = []
    private var currentRow = -1
    private var rowIndex = -1
    private var nextColumn = 0
    private var cellRow = 0, cellColumn = 0
    private var cellType = CellType.number
    private var cellStyle = 0
    /// The `<v>` text of the cell being read (raw bytes); reused from cell to cell.
    private let value = ByteBuffer()
    private var formula: [UInt8] = [], inline: [UInt8] = []
    private var hasValue = false, hasFormula = false
    private var inValue = false, inFormula = false, inInline = false, inInlineText = false, inPhonetic = false
    private var inMergeCells = false

    private enum CellType { case number, shared, inline, formulaText, boolean, error, isoDate }

    var wantsText: Bool { inValue || inInlineText || inFormula }

    init(path: String, sheetName: String, sharedStrings: [String], styles: [NumberFormatKind], date1904: Bool, maxCells: Int) {
        self.path = path
        self.sheetName = sheetName
        self.sharedStrings = sharedStrings
        self.styles = styles
        self.date1904 = date1904
        self.maxCells = maxCells
    }

    mutating func start(_ name: XMLBytes, _ attributes: XMLAttributes, scanner: XMLScanPosition) throws(IngestError) {
        switch name.count {
        case 1 where name[0] == UInt8(ascii: "c"):
            try startCell(attributes, scanner)
        case 1 where name[0] == UInt8(ascii: "v"):
            inValue = true
            value.count = 0
        case 1 where name[0] == UInt8(ascii: "f"):
            hasFormula = true
            inFormula = true
        case 1 where name[0] == UInt8(ascii: "t"):
            if inInline && !inPhonetic { inInlineText = true }
        case 2 where name.is("is"):
            inInline = true
        case 3 where name.is("row"):
            var r: Int?, bad: String?
            try attributes.forEach { (n, v) throws(IngestError) in
                guard n.is("r") else { return }
                r = parseInt(v)
                if r == nil || r! < 1 || r! > 1_048_576 { bad = String(decoding: v, as: UTF8.self) }
            }
            if let bad {
                // Excel's sheets end at row 1,048,576: a row past it is a damaged or hostile file.
                throw .malformed(SourceLocation(file: path, line: min(Int(bad) ?? 1, Int(Int32.max)), column: 1),
                                 "row number \"\(bad)\" in sheet \"\(sheetName)\" is outside a worksheet (rows 1 to 1048576)",
                                 hint: "the workbook may be damaged; open and save it again in Excel, LibreOffice or WPS")
            }
            if let r { rowIndex = r - 1 } else { rowIndex += 1; placedByOrder = true }
            nextColumn = 0
        case 3 where name.is("rPh"):
            inPhonetic = true
        case 9 where name.is("dimension"):
            dimension = try attributes.string("ref", at: scanner)
        case 9 where name.is("mergeCell"):
            if inMergeCells, let ref = try attributes.string("ref", at: scanner) {
                guard let range = XLSXCellRange(ref) else {
                    throw .malformed(scanner.location, "bad merged range \"\(ref)\" in sheet \"\(sheetName)\"", hint: "the workbook may be damaged")
                }
                if range.cellCount > 1 { merges.append(range) }
            }
        case 10 where name.is("mergeCells"):
            inMergeCells = true
        default: break
        }
    }

    private mutating func startCell(_ attributes: XMLAttributes, _ scanner: XMLScanPosition) throws(IngestError) {
        cellRow = rowIndex
        cellColumn = nextColumn
        cellType = .number
        cellStyle = 0
        var badReference: String?
        var placed = false
        var it = attributes.makeIterator()
        while let (n, v) = it.next() {
            guard n.count == 1 else { continue }
            switch n[0] {
            case UInt8(ascii: "r"):
                // (Rows past 1,048,576 and columns past XFD are bad references: Excel has no such cells.)
                guard let (r, c) = SheetParser.cellReference(v) else { badReference = String(decoding: v, as: UTF8.self); continue }
                placed = r != nil
                cellColumn = c
                if let r { cellRow = r }
            case UInt8(ascii: "s"):
                cellStyle = parseInt(v) ?? 0
            case UInt8(ascii: "t"):
                if v.is("s") { cellType = .shared }
                else if v.is("inlineStr") { cellType = .inline }
                else if v.is("str") { cellType = .formulaText }
                else if v.is("b") { cellType = .boolean }
                else if v.is("e") { cellType = .error }
                else if v.is("d") { cellType = .isoDate }
            default: break
            }
        }
        if !placed { placedByOrder = true }
        if cellRow < 0 { cellRow = 0 }
        if let badReference {
            throw .malformed(location(), "bad cell reference \"\(badReference)\" in sheet \"\(sheetName)\"", hint: "the workbook may be damaged")
        }
        hasValue = false; hasFormula = false
        if !formula.isEmpty { formula.removeAll(keepingCapacity: true) }
        if !inline.isEmpty { inline.removeAll(keepingCapacity: true) }
        value.count = 0
    }

    mutating func text(_ bytes: XMLBytes) {
        if inValue { value.append(bytes) } else if inInlineText { inline.append(contentsOf: bytes) } else if inFormula { formula.append(contentsOf: bytes) }
    }

    mutating func end(_ name: XMLBytes, scanner: XMLScanPosition) throws(IngestError) {
        switch name.count {
        case 1 where name[0] == UInt8(ascii: "c"):
            nextColumn = cellColumn + 1
            if let text = try cellText(scanner) { try store(text) }
        case 1 where name[0] == UInt8(ascii: "v"):
            inValue = false; hasValue = true
        case 1 where name[0] == UInt8(ascii: "f"):
            inFormula = false
        case 1 where name[0] == UInt8(ascii: "t"):
            inInlineText = false
        case 2 where name.is("is"):
            inInline = false
        case 3 where name.is("row"):
            flush()
        case 3 where name.is("rPh"):
            inPhonetic = false
        case 9 where name.is("sheetData"):
            flush()
        case 10 where name.is("mergeCells"):
            inMergeCells = false
        default: break
        }
    }

    /// Called by the reader after the last chunk.
    mutating func finish() { flush() }

    /// A handler with the same workbook facts and no cells, for another piece of the same sheet.
    func fresh() -> SheetHandler {
        SheetHandler(path: path, sheetName: sheetName, sharedStrings: sharedStrings, styles: styles, date1904: date1904, maxCells: maxCells)
    }

    /// Appends what the handler of the next piece of the sheet read.
    mutating func absorb(_ next: SheetHandler) throws(IngestError) {
        flush()
        if let last = rowNumbers.last, let first = next.rowNumbers.first, first <= last { inOrder = false }
        inOrder = inOrder && next.inOrder
        rows.append(contentsOf: next.rows)
        rowNumbers.append(contentsOf: next.rowNumbers)
        width = max(width, next.width)
        errorCells.append(contentsOf: next.errorCells)
        merges.append(contentsOf: next.merges)
        if dimension == nil { dimension = next.dimension }
        placedByOrder = placedByOrder || next.placedByOrder
        allocated += next.allocated
        if allocated > maxCells {
            let ref = SheetParser.columnName(max(0, width - 1)) + String(rowNumbers.last ?? 1)
            throw tooManyCells(maxCells: maxCells, sheetName: sheetName, path: path, at: ref)
        }
    }

    // MARK: - Cells

    private mutating func cellText(_ scanner: XMLScanPosition) throws(IngestError) -> String? {
        try cellText(raw: value.bytes, scanner)
    }

    private mutating func cellText(raw: XMLBytes, _ scanner: XMLScanPosition) throws(IngestError) -> String? {
        switch cellType {
        case .shared:
            guard let i = parseInt(trimmed(raw)), i >= 0, i < sharedStrings.count else {
                throw .malformed(location(), "cell \(reference) in sheet \"\(sheetName)\" refers to shared string \"\(String(decoding: raw, as: UTF8.self))\", which the workbook does not have", hint: "the workbook may be damaged")
            }
            return checkedText(sharedStrings[i])
        case .inline:
            return checkedText(decodeOOXMLEscapes(try decode(inline, scanner)))
        case .formulaText:
            if !hasValue && hasFormula { throw noCachedValue(scanner) }
            return checkedText(decodeOOXMLEscapes(try XMLText.decode(raw, at: scanner)))
        case .boolean:
            let v = trimmed(raw)
            if !hasValue || v.isEmpty { if hasFormula { throw noCachedValue(scanner) }; return nil }
            return v.is("1") || v.is("true") || v.is("TRUE") ? "true" : "false"
        case .error:
            let v = try XMLText.decode(trimmed(raw), at: scanner)
            errorCells.append(XLSXErrorCell(row: cellRow, column: cellColumn, value: v.isEmpty ? "#VALUE!" : v))
            return nil
        case .isoDate:
            return hasValue && raw.count > 0 ? ExcelDate.isoText(try XMLText.decode(trimmed(raw), at: scanner)) : nil
        case .number:
            let v = trimmed(raw)
            if !hasValue || v.isEmpty {
                if hasFormula { throw noCachedValue(scanner) }
                return nil
            }
            let kind = cellStyle >= 0 && cellStyle < styles.count ? styles[cellStyle] : .number
            if kind == .number, let plain = SheetParser.plainNumberText(v) { return plain }
            // Whole-day date serials are plain integers: no need for strtod.
            guard let x = parseInt(v).map(Double.init) ?? parseDouble(v) else {
                throw .malformed(location(), "cell \(reference) in sheet \"\(sheetName)\" holds \"\(String(decoding: v, as: UTF8.self))\" where the file format requires a number", hint: "the workbook may be damaged")
            }
            switch kind {
            case .number: return SheetParser.shortest(x)
            case .date:
                let whole = x >= 0 && x < 3_000_000 && x == x.rounded(.down) ? Int(x) : -1
                if whole >= 0, dateSerials[whole & 4095] == whole { return dateTexts[whole & 4095] }
                let text = ExcelDate.text(serial: x, date1904: date1904) ?? NumberText.shortest(x)
                if whole >= 0 { dateSerials[whole & 4095] = whole; dateTexts[whole & 4095] = text }
                return text
            case .time: return ExcelDate.timeText(serial: x) ?? ExcelDate.text(serial: x, date1904: date1904) ?? NumberText.shortest(x)
            }
        }
    }

    /// Text that is exactly an Excel error code (a value pasted as text, or written by a producer
    /// that does not mark errors) is an error value too.
    private mutating func checkedText(_ s: String) -> String? {
        guard s.utf8.first == UInt8(ascii: "#"), XLSXErrorCell.codes.contains(s) else { return s }
        errorCells.append(XLSXErrorCell(row: cellRow, column: cellColumn, value: s))
        return nil
    }

    private func decode(_ bytes: [UInt8], _ scanner: XMLScanPosition) throws(IngestError) -> String {
        try bytes.withUnsafeBufferPointer { (b: XMLBytes) throws(IngestError) in try XMLText.decode(b, at: scanner) }
    }

    private func noCachedValue(_ scanner: XMLScanPosition) -> IngestError {
        let text = (try? decode(formula, scanner)) ?? ""
        let f = text.isEmpty ? "a shared formula" : "=\(text)"
        return .malformed(location(), "cell \(reference) in sheet \"\(sheetName)\" holds a formula (\(f)) without a saved result",
                          hint: "open the file in Excel, LibreOffice or WPS and save it, so that formula results are stored (openpyxl writes formulas without results)")
    }

    private mutating func store(_ text: String) throws(IngestError) {
        if cellRow != currentRow {
            flush()
            currentRow = cellRow
        }
        if cellColumn == current.count {
            allocated += 1
            if allocated > maxCells { throw tooManyCells(maxCells: maxCells, sheetName: sheetName, path: path, at: reference) }
            if current.isEmpty { current.reserveCapacity(max(width, 4)) }
            current.append(text)
            return
        }
        if cellColumn > current.count {
            let grow = cellColumn + 1 - current.count
            allocated += grow
            if allocated > maxCells { throw tooManyCells(maxCells: maxCells, sheetName: sheetName, path: path, at: reference) }
            if current.isEmpty { current.reserveCapacity(max(width, cellColumn + 1)) }
            current.append(contentsOf: repeatElement(nil, count: grow))
        }
        current[cellColumn] = text
    }

    /// Ends the row being filled: stored when it holds a value.
    private mutating func flush() {
        guard currentRow >= 0 else { return }
        if !current.isEmpty {
            if let last = rowNumbers.last, last >= currentRow + 1 { inOrder = false }
            width = max(width, current.count)
            rows.append(current)
            rowNumbers.append(currentRow + 1)
            current = []
        }
        currentRow = -1
    }

    private var reference: String { SheetParser.columnName(cellColumn) + String(cellRow + 1) }

    private func location() -> SourceLocation {
        SourceLocation(file: path, line: cellRow + 1, column: cellColumn + 1)
    }
}

func tooManyCells(maxCells: Int, sheetName: String, path: String, at reference: String) -> IngestError {
    .unsupported("\(path): sheet \"\(sheetName)\" has more than \(maxCells) cells (rows × columns up to cell \(reference)); refusing to read it (XLSXLimits.maxCells)")
}

// MARK: - Bytes

/// A growable byte buffer that is emptied without freeing (cheaper than `[UInt8].removeAll`).
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init(capacity: Int = 256) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always) func append(_ b: XMLBytes) {
        guard let src = b.baseAddress, b.count > 0 else { return }
        if count + b.count > capacity {
            var c = capacity * 2
            while c < count + b.count { c *= 2 }
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
            bigger.update(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity = c
        }
        (base + count).update(from: src, count: b.count)
        count += b.count
    }

    var bytes: XMLBytes { XMLBytes(start: base, count: count) }
}

@inline(__always) private func trimmed(_ buf: XMLBytes) -> XMLBytes {
    var lo = 0, hi = buf.count
    while lo < hi && isXMLSpace(buf[lo]) { lo += 1 }
    while hi > lo && isXMLSpace(buf[hi - 1]) { hi -= 1 }
    return XMLBytes(rebasing: buf[lo..<hi])
}

/// A non-negative decimal integer of at most 9 digits.
@inline(__always) func parseInt(_ b: XMLBytes) -> Int? {
    guard !b.isEmpty, b.count <= 9 else { return nil }
    var v = 0
    for d in b {
        guard d >= UInt8(ascii: "0"), d <= UInt8(ascii: "9") else { return nil }
        v = v * 10 + Int(d - UInt8(ascii: "0"))
    }
    return v
}

/// An XML Schema double (what `<v>` holds), as `Double(String)` reads it.
private func parseDouble(_ b: XMLBytes) -> Double? {
    guard !b.isEmpty, b.count < 64 else { return b.isEmpty ? nil : Double(String(decoding: b, as: UTF8.self)) }
    return withUnsafeTemporaryAllocation(of: CChar.self, capacity: b.count + 1) { buf in
        for k in 0..<b.count { buf[k] = CChar(bitPattern: b[k]) }
        buf[b.count] = 0
        var end: UnsafeMutablePointer<CChar>?
        let x = strtod(buf.baseAddress!, &end)
        guard let end, end == buf.baseAddress! + b.count else { return nil }
        // strtod also reads hex floats and "inf"/"nan" words, as Double(String) does.
        return x
    }
}

/// Statics shared by the sheet reader and its tests.
enum SheetParser {
    /// The shortest text of a number whose `<v>` is already that text: an integer below 10^15
    /// without leading zeros, or a plain decimal of at most 15 significant digits, not ending in 0,
    /// at least 0.001 in size. For such a decimal no shorter text reads back as the same double
    /// (two decimals of ≤ 15 digits never round to the same double), so `shortest(Double(v))` is
    /// `v` itself; nil for anything else (which then takes the general path).
    @inline(__always) static func plainNumberText(_ v: XMLBytes) -> String? {
        let n = v.count
        guard n > 0, n <= 17 else { return nil }
        var k = 0
        if v[0] == UInt8(ascii: "-") { k = 1 }
        guard k < n else { return nil }
        let intStart = k
        while k < n, v[k] >= UInt8(ascii: "0"), v[k] <= UInt8(ascii: "9") { k += 1 }
        let intDigits = k - intStart
        guard intDigits >= 1, intDigits <= 15 else { return nil }
        let leadingZero = v[intStart] == UInt8(ascii: "0")
        if leadingZero && intDigits > 1 { return nil }
        if k == n {
            // An integer; "-0" is written "0".
            if leadingZero && intStart == 1 { return nil }
            return String(decoding: v, as: UTF8.self)
        }
        guard v[k] == UInt8(ascii: "."), k + 1 < n else { return nil }
        k += 1
        let fracStart = k
        while k < n, v[k] >= UInt8(ascii: "0"), v[k] <= UInt8(ascii: "9") { k += 1 }
        guard k == n, v[n - 1] != UInt8(ascii: "0") else { return nil }
        var significant = intDigits + (n - fracStart)
        if leadingZero {
            // 0.00x…: the zeros after the point are not significant, and small values are written
            // with an exponent by Swift's shortest form.
            var z = fracStart
            while z < n, v[z] == UInt8(ascii: "0") { z += 1 }
            guard z - fracStart <= 2 else { return nil }
            significant = n - z
        }
        guard significant <= 15 else { return nil }
        return String(decoding: v, as: UTF8.self)
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
        var ref = ref
        return ref.withUTF8 { cellReference($0) }
    }

    @inline(__always) static func cellReference(_ ref: XMLBytes) -> (Int?, Int)? {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in ref {
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
        guard row >= 1, row <= 1_048_576 else { return nil }
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
