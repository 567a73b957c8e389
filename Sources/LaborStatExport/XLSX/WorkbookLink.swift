import Foundation

/// A hyperlink on one cell of a sheet's table that opens another sheet of the same workbook at
/// its top-left cell (a contents sheet's titles, a "back to contents" cell). The cell shows its
/// value as text in the hyperlink style (Excel's `internal:` hyperlink, `<hyperlink location>`),
/// so links belong on text cells; a missing cell shows the target sheet's name.
public struct WorkbookLink: Sendable, Codable, Equatable {
    /// The 0-based row of the table's data (the header and any title or unit lines not counted).
    public var row: Int
    /// The 0-based column of the table.
    public var column: Int
    /// The name of the sheet the link opens.
    public var sheet: String

    public init(row: Int, column: Int, sheet: String) {
        self.row = row
        self.column = column
        self.sheet = sheet
    }

    /// The libxlsxwriter URL: `internal:'Sheet name'!A1` (an apostrophe in the name doubled, as
    /// Excel quotes sheet references).
    var url: String { "internal:'\(sheet.replacingOccurrences(of: "'", with: "''"))'!A1" }
}

/// What a workbook says about itself (File ▸ Properties), written into `docProps/core.xml`.
public struct WorkbookProperties: Sendable, Equatable {
    public var title: String?
    public var subject: String?
    public var author: String?
    /// The creation time recorded in the file. nil: libxlsxwriter records the current time, so the
    /// same sheets written twice give different bytes; set it for reproducible files.
    public var created: Double?

    /// `created` is seconds since 1970-01-01 UTC.
    public init(title: String? = nil, subject: String? = nil, author: String? = nil, created: Double? = nil) {
        self.title = title
        self.subject = subject
        self.author = author
        self.created = created
    }
}
