/// Where something is in an input file. Lines and columns are 1-based; the column counts Unicode
/// scalars of the decoded line (as Yams' `Mark` does), so a caret lines up under Chinese text in a
/// terminal that shows one scalar per cell; `byteOffset` is the 0-based offset in the decoded UTF-8
/// text, for tools.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int
    public var byteOffset: Int?
    /// The text of the offending line, shown with a caret under `column` (nil when unknown).
    public var lineText: String?

    public init(file: String, line: Int, column: Int, byteOffset: Int? = nil, lineText: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.byteOffset = byteOffset
        self.lineText = lineText
    }

    /// `FILE:LINE:COLUMN`
    public var description: String { "\(file):\(line):\(column)" }

    /// The offending line and a caret under the column, indented by four spaces; empty when unknown.
    public var excerpt: String {
        guard let text = lineText else { return "" }
        let shown = text.count > 200 ? String(text.prefix(200)) + "…" : text
        // Full-width characters take two terminal cells; pad the caret to match.
        var pad = ""
        for ch in shown.unicodeScalars.prefix(max(0, column - 1)) {
            pad += EastAsianWidth.isWide(ch) ? "  " : (ch == "\t" ? "\t" : " ")
        }
        return "    \(shown)\n    \(pad)^"
    }
}

