import LaborStatExport
import LaborStatTable

/// The language a report is written in: headings, labels, the footer.
public enum ReportLanguage: String, Sendable, CaseIterable { case zh, en }

/// A finished report: everything every writer (the HTML page, the workbook, the Markdown text)
/// renders. The `report` command builds it from a spec after every item has run; the writers only
/// lay it out, they compute nothing.
public struct ReportDocument: Sendable {
    public var title: String
    public var subtitle: String?
    /// The office or person responsible (编制单位).
    public var author: String?
    /// The period the report covers, as written (`2024年`).
    public var period: String?
    public var language: ReportLanguage
    public var sections: [ReportSection]
    /// The input files, for the footer: name, size, SHA-256.
    public var inputs: [ReportInputFile]
    /// Definitions and sources for the workbook's `说明` sheet and the page's end.
    public var definitions: [ReportDefinition]
    /// LaborStat's version.
    public var version: String
    /// When the report was made (ISO 8601), only when the spec asks (`generated = true`): without
    /// it, the same inputs and spec give the same bytes.
    public var generatedAt: String?

    public init(title: String, subtitle: String? = nil, author: String? = nil, period: String? = nil,
                language: ReportLanguage = .zh, sections: [ReportSection] = [], inputs: [ReportInputFile] = [],
                definitions: [ReportDefinition] = [], version: String, generatedAt: String? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.author = author
        self.period = period
        self.language = language
        self.sections = sections
        self.inputs = inputs
        self.definitions = definitions
        self.version = version
        self.generatedAt = generatedAt
    }

    /// Every item of every section, in order.
    public var items: [ReportItem] { sections.flatMap(\.items) }
}

/// One input file as the footer names it.
public struct ReportInputFile: Sendable, Equatable {
    /// The spec's name for it (`survey`).
    public var name: String
    /// The file's name as the spec gives it (relative to the spec).
    public var path: String
    public var bytes: Int64
    /// Lower-case hex.
    public var sha256: String

    public init(name: String, path: String, bytes: Int64, sha256: String) {
        self.name = name
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
    }
}

/// A term and what it means (or a source and what it gave), for `说明`.
public struct ReportDefinition: Sendable, Equatable {
    public var term: String
    public var text: String

    public init(term: String, text: String) {
        self.term = term
        self.text = text
    }
}

public struct ReportSection: Sendable {
    /// A stable identifier (anchor in the page): `s1`, `s2`, … or the spec's `id`.
    public var id: String
    public var title: String
    /// Markdown.
    public var note: String?
    public var items: [ReportItem]

    public init(id: String, title: String, note: String? = nil, items: [ReportItem] = []) {
        self.id = id
        self.title = title
        self.note = note
        self.items = items
    }
}

/// One analysis: its table, its chart, the commands that made them.
public struct ReportItem: Sendable {
    /// Unique in the report; the stem of `tables/ID.csv`, `charts/ID.svg` and the anchor in the page.
    public var id: String
    /// The table's title (表题), e.g. `表3 外出农民工月均收入（分行业）`.
    public var title: String
    /// Markdown, shown under the title.
    public var note: String?
    /// The exact command line that writes this table (`laborstat describe survey_sample.csv …`).
    public var command: String
    public var table: ReportTable?
    public var chart: ReportChart?

    public init(id: String, title: String, note: String? = nil, command: String, table: ReportTable? = nil, chart: ReportChart? = nil) {
        self.id = id
        self.title = title
        self.note = note
        self.command = command
        self.table = table
        self.chart = chart
    }
}

/// A result table exactly as the command would write it, with what a 统计表 adds around it.
public struct ReportTable: Sendable {
    /// The columns as written: renamed, labelled, in the spec's order.
    public var table: Table
    /// How its numbers show: fixed decimals per column, `--decimals`, `--digits`, percent columns.
    /// Every writer formats cells through these options, so the page, the workbook and the CSV agree.
    public var options: WriteOptions
    /// The unit line without its prefix: `元`, `万人、%`.
    public var unit: String?
    /// The source line without its prefix: `国家统计局农民工监测调查（样本）`.
    public var source: String?
    /// `注：` lines, without the prefix.
    public var notes: [String]
    /// The column holding provinces or regions, when there is one: the page offers a region filter.
    public var regionColumn: String?
    /// Where the CSV is, relative to the report's folder: `tables/ID.csv`.
    public var csvPath: String

    public init(table: Table, options: WriteOptions = WriteOptions(), unit: String? = nil, source: String? = nil,
                notes: [String] = [], regionColumn: String? = nil, csvPath: String) {
        self.table = table
        self.options = options
        self.unit = unit
        self.source = source
        self.notes = notes
        self.regionColumn = regionColumn
        self.csvPath = csvPath
    }
}

/// A chart, drawn by LaborStatCharts: its SVG text and where its files are.
public struct ReportChart: Sendable {
    /// The SVG document (inlined in the page).
    public var svg: String
    /// Relative to the report's folder: `charts/ID.svg`, `charts/ID.png`.
    public var svgPath: String
    public var pngPath: String?
    /// The exact command line that draws it.
    public var command: String

    public init(svg: String, svgPath: String, pngPath: String? = nil, command: String) {
        self.svg = svg
        self.svgPath = svgPath
        self.pngPath = pngPath
        self.command = command
    }
}
