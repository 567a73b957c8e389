import Foundation
import LaborStatIngest
import LaborStatTable
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What LaborStat records about each sheet it writes (custom document properties `LaborStat`,
/// `LaborStat:0`, …), so that a later `--append` re-reads every sheet with its exact types and
/// formats.
struct WorkbookRecord: Codable {
    static let markerName = "LaborStat"
    static let version = "laborstat-workbook-1"
    var sheets: [SheetRecord]
}

struct SheetRecord: Codable {
    struct ColumnRecord: Codable {
        var name: String
        var type: ColumnType
        var precision: DatePrecision?
        var format: String?
    }
    var name: String
    var rows: Int
    var keyColumns: Int
    var layout: XLSXLayout
    var columns: [ColumnRecord]
    /// Absent in workbooks written before links existed.
    var links: [WorkbookLink]?

    init(_ sheet: WorkbookSheet) {
        name = sheet.name
        rows = sheet.table.rowCount
        keyColumns = sheet.keyColumns
        layout = sheet.layout
        links = sheet.links.isEmpty ? nil : sheet.links
        columns = sheet.table.columns.enumerated().map { j, c in
            var precision: DatePrecision? = nil
            if case .date(_, let p) = c.storage { precision = p }
            return ColumnRecord(name: c.name, type: c.type, precision: precision, format: sheet.formats[j])
        }
    }
}

extension XLSXWorkbook {
    /// Re-reads a workbook LaborStat wrote: every sheet, with the types and formats it was written
    /// with, read back through LaborStat's own XLSX reader. A workbook LaborStat did not write (or
    /// whose sheets were changed in a spreadsheet since) is refused: writing it again would lose
    /// what LaborStat cannot read (formulas, styles, charts).
    public static func existing(path: String) throws(ExportError) -> XLSXWorkbook {
        let record = try readRecord(path: path)
        var book = XLSXWorkbook()
        for s in record.sheets {
            let rows: [[String?]]
            do { rows = try XLSXReader.rows(path: path, sheet: s.name).rows } catch {
                throw .badExisting(path: path, reason: "cannot re-read sheet \"\(s.name)\": \(error)")
            }
            let header = s.layout.headerRow
            func changed(_ why: String) -> ExportError {
                .badExisting(path: path, reason: "sheet \"\(s.name)\" was changed since LaborStat wrote it (\(why)); --append would not keep it faithfully: write a new workbook with -o")
            }
            guard rows.count >= header + 1 + s.rows else { throw changed("fewer rows than written") }
            for (j, c) in s.columns.enumerated() where (rows[header].count > j ? rows[header][j] : nil) != c.name {
                throw changed("header \(j + 1) is not \"\(c.name)\"")
            }
            var columns: [Column] = []
            for (j, c) in s.columns.enumerated() {
                let texts = (0..<s.rows).map { i -> String? in
                    let row = rows[header + 1 + i]
                    return j < row.count ? row[j] : nil
                }
                guard let column = rebuild(c, texts) else { throw changed("a cell of \"\(c.name)\" is not a \(c.type.rawValue)") }
                columns.append(column)
            }
            let table: Table
            do { table = try Table(columns: columns) } catch { throw changed("\(error)") }
            try book.add(WorkbookSheet(name: s.name, table: table, formats: s.columns.map(\.format), keyColumns: s.keyColumns, layout: s.layout, links: s.links ?? []))
        }
        return book
    }

    /// A column of the recorded type from the cell texts the reader gives (numbers as shortest
    /// round-trip text, dates as ISO text); nil when a cell does not read as the type.
    static func rebuild(_ c: SheetRecord.ColumnRecord, _ texts: [String?]) -> Column? {
        switch c.type {
        case .integer:
            var v: [Int64?] = []
            for t in texts {
                guard let t else { v.append(nil); continue }
                if let i = Int64(t) { v.append(i) } else if let d = Double(t), d == d.rounded(), abs(d) < 9.2e18 { v.append(Int64(d)) } else { return nil }
            }
            return Column(c.name, integers: v)
        case .decimal:
            var v: [Double?] = []
            for t in texts {
                guard let t else { v.append(nil); continue }
                switch t {
                case "Inf": v.append(.infinity)
                case "-Inf": v.append(-.infinity)
                default:
                    guard let d = Double(t) else { return nil }
                    v.append(d)
                }
            }
            return Column(c.name, doubles: v)
        case .boolean:
            var v: [Bool?] = []
            for t in texts {
                switch t {
                case nil: v.append(nil)
                case "true", "TRUE", "1": v.append(true)
                case "false", "FALSE", "0": v.append(false)
                default: return nil
                }
            }
            return Column(c.name, booleans: v)
        case .date:
            let p = c.precision ?? .day
            var v: [Int32?] = []
            for t in texts {
                guard let t else { v.append(nil); continue }
                guard let d = parseDate(t, precision: p) else { return nil }
                v.append(d)
            }
            return Column(c.name, dates: v, precision: p)
        case .category:
            return Column(c.name, categories: texts)
        case .text:
            return Column(c.name, strings: texts)
        }
    }

    /// `2024-03-15` (also the first day of a month written `yyyy-mm`), `2013Q4`, or a year `2019`.
    static func parseDate(_ t: String, precision: DatePrecision) -> Int32? {
        let s = t.prefix(10)
        if precision == .year, let y = Int(t) { return CivilDate.days(year: y, month: 1, day: 1) }
        if precision == .quarter {
            let parts = t.split(separator: "Q")
            guard parts.count == 2, let y = Int(parts[0]), let q = Int(parts[1]), (1...4).contains(q) else { return nil }
            return CivilDate.days(year: y, month: 3 * q - 2, day: 1)
        }
        let parts = s.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), CivilDate.isValid(year: y, month: m, day: d) else { return nil }
        return CivilDate.truncate(CivilDate.days(year: y, month: m, day: d), to: precision)
    }

    /// The record from `docProps/custom.xml`.
    static func readRecord(path: String) throws(ExportError) -> WorkbookRecord {
        let notOurs = ExportError.badExisting(path: path, reason: "not a workbook LaborStat wrote (no LaborStat record in its document properties); --append rewrites the whole workbook and would lose what it cannot read: write a new workbook with -o")
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw .badExisting(path: path, reason: "not an .xlsx workbook (\(error))")
        }
        guard let entry = archive["docProps/custom.xml"] else { throw notOurs }
        guard entry.uncompressedSize < 4 << 20 else { throw notOurs }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { data.append($0) }
        } catch {
            throw .badExisting(path: path, reason: "cannot read docProps/custom.xml: \(error)")
        }
        let parser = CustomPropertiesParser()
        let xml = XMLParser(data: data)
        xml.shouldResolveExternalEntities = false
        xml.delegate = parser
        guard xml.parse() else { throw notOurs }
        guard let marker = parser.values[WorkbookRecord.markerName] else { throw notOurs }
        let parts = marker.split(separator: " ")
        guard parts.count == 2, parts[0] == WorkbookRecord.version, let n = Int(parts[1]) else { throw notOurs }
        var text = ""
        for i in 0..<n {
            guard let chunk = parser.values["\(WorkbookRecord.markerName):\(i)"] else { throw notOurs }
            text += chunk
        }
        guard let json = Data(base64Encoded: text), let record = try? JSONDecoder().decode(WorkbookRecord.self, from: json) else { throw notOurs }
        return record
    }
}

/// `<property name="N"><vt:lpwstr>VALUE</vt:lpwstr></property>` pairs.
private final class CustomPropertiesParser: NSObject, XMLParserDelegate {
    var values: [String: String] = [:]
    private var current: String?
    private var text = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "property" { current = attributes["name"]; text = "" }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if current != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "property", let c = current { values[c] = text; current = nil }
    }
}
