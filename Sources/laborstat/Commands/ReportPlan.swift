import ArgumentParser
import Foundation
import LaborStat

/// A parsed spec and how each of its items becomes a command line. `validate` parses every
/// command line without running it (`report --check`); `run` runs them, capturing each table.
struct ReportPlan {
    let specPath: String
    let spec: ReportSpec
    /// The spec's folder: input paths are relative to it.
    let folder: String

    /// Commands that take a survey design (`DesignOptions`, or compare's own design flags).
    static let designCommands: Set<String> = ["describe", "tabulate", "aggregate", "regress", "trend", "compare"]
    static let tableCommands: Set<String> = ["inspect", "convert", "describe", "tabulate", "aggregate", "pivot", "histogram",
                                             "trend", "regress", "compare"]

    init(specPath: String) throws {
        guard let data = FileManager.default.contents(atPath: specPath) else {
            throw ReportSpecError(file: specPath, line: nil, message: "cannot read the spec", kind: .missingInput)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReportSpecError(file: specPath, line: nil, message: "a spec is UTF-8 text (TOML); this file is not valid UTF-8")
        }
        self.specPath = specPath
        spec = try ReportSpec(toml: text, file: specPath)
        let dir = (specPath as NSString).deletingLastPathComponent
        folder = dir.isEmpty ? "." : dir
    }

    /// An input's path as the commands are given it: relative to the spec, tidied (`a/b/../c` → `a/c`).
    func path(of input: ReportSpec.Input) -> String {
        input.file.hasPrefix("/") ? input.file : Self.tidy(folder == "." ? input.file : folder + "/" + input.file)
    }

    func input(of item: ReportSpec.Item) -> ReportSpec.Input { spec.inputs.first { $0.name == item.input }! }

    /// The item's command line (without `laborstat`).
    func arguments(for item: ReportSpec.Item) -> [String] {
        let input = input(of: item)
        var words = item.arguments(input: input, file: path(of: input), designCommands: Self.designCommands)
        if spec.language == .zh && !item.table.options.contains(where: { $0.key == "labels" }) {
            words += ["--labels", "zh"]
        }
        return words
    }

    /// The chart's command line: `chart KIND CSV --title … OPTIONS -o SVG`.
    func chartArguments(for item: ReportSpec.Item, chart: ReportSpec.ChartSpec, csv: String, svg: String) -> [String] {
        var words = ["chart", chart.kind, csv]
        let given = Set(chart.options.map(\.key))
        if !given.contains("title") { words += ["--title", item.title] }
        if !given.contains("source"), let source = item.table.source ?? spec.source {
            words += ["--source", (spec.language == .zh ? "资料来源：" : "Source: ") + source]
        }
        words += chart.options.flatMap(\.arguments)
        return words + ["-o", svg]
    }

    /// Every input exists; every item's and chart's command line parses.
    func validate() throws {
        for input in spec.inputs where !FileManager.default.fileExists(atPath: path(of: input)) {
            throw ReportSpecError(file: specPath, line: input.line,
                                  message: "input \"\(input.name)\": no file \(path(of: input)) (paths are relative to the spec's folder)",
                                  kind: .missingInput)
        }
        var earlier = Set<String>()
        for section in spec.sections {
            for item in section.items {
                guard Self.tableCommands.contains(item.command) else {
                    throw located(item, section, nil, "\"\(item.command)\" is not a table command (use one of: \(Self.tableCommands.sorted().joined(separator: ", ")))")
                }
                let words = arguments(for: item)
                for ref in words where ref.hasPrefix("@") && !earlier.contains(String(ref.dropFirst())) {
                    throw located(item, section, nil, "\(ref) names no earlier item's table (write @ID for the table of item ID above this one)")
                }
                try parse(words, item, section)
                earlier.insert(item.id)
                if let chart = item.chart {
                    try parse(chartArguments(for: item, chart: chart, csv: "tables/\(item.id).csv", svg: "charts/\(item.id).svg"), item, section, chart: chart)
                }
            }
        }
    }

    @discardableResult
    private func parse(_ words: [String], _ item: ReportSpec.Item, _ section: ReportSpec.Section,
                       chart: ReportSpec.ChartSpec? = nil) throws -> ParsableCommand {
        do {
            return try LaborStatCommand.parseAsRoot(words)
        } catch {
            let message = LaborStatCommand.message(for: error)
            throw located(item, section, chart, Self.specVoice(message), flagIn: message)
        }
    }

    /// A spec error at the line of the option a message names (`--by2`), else of the item or chart.
    func located(_ item: ReportSpec.Item, _ section: ReportSpec.Section, _ chart: ReportSpec.ChartSpec?, _ message: String,
                 flagIn text: String = "") -> ReportSpecError {
        var line = chart?.line ?? item.line
        if let flag = Self.firstFlag(in: text) {
            let input = input(of: item)
            let candidates = chart.map(\.options) ?? (item.options + item.table.options + input.read + input.design)
            if let option = candidates.first(where: { $0.key == flag }) { line = option.line }
        }
        let what = chart == nil ? "item \"\(item.id)\"" : "the chart of item \"\(item.id)\""
        return ReportSpecError(file: specPath, line: line, message: "\(message) in \(what) of section \"\(section.title)\"")
    }

    static func firstFlag(in text: String) -> String? {
        guard let r = text.range(of: "--") else { return nil }
        let name = text[r.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    /// ArgumentParser's message in the spec's voice: `Unknown option '--by2'. Did you mean '--by'?`
    /// → `unknown option "--by2" (did you mean "--by"?)`.
    static func specVoice(_ text: String) -> String {
        var s = text.replacingOccurrences(of: "'", with: "\"")
        if let r = s.range(of: ". Did you mean ") { s = s[..<r.lowerBound] + " (did you mean " + s[r.upperBound...] + ")" }
        guard let f = s.first, f.isUppercase, s.dropFirst().first?.isLowercase ?? true else { return s }
        return f.lowercased() + s.dropFirst()
    }

    /// An option value `@ID` is the table of the earlier item ID (e.g. a denominator estimated from
    /// the survey): `tables/ID.csv` inside `folder` (the shown command line keeps `tables/ID.csv`).
    static func resolvingTables(_ words: [String], in folder: String) -> [String] {
        words.map { $0.hasPrefix("@") && $0.count > 1 ? folder + "/tables/" + $0.dropFirst() + ".csv" : $0 }
    }

    /// `a/./b/../c` → `a/c`, keeping leading `..` (a path above the working directory).
    static func tidy(_ path: String) -> String {
        var parts: [Substring] = []
        for p in path.split(separator: "/", omittingEmptySubsequences: true) {
            if p == "." { continue }
            if p == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            parts.append(p)
        }
        let joined = parts.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// A command line as a shell reads it: words with spaces or shell syntax in single quotes.
    static func shellLine(_ words: [String]) -> String {
        (["laborstat"] + words).map { w in
            let plain = !w.isEmpty && w.unicodeScalars.allSatisfy { s in
                s.value > 0x7f || CharacterSet.alphanumerics.contains(s) || "_-./:=,@%+".unicodeScalars.contains(s)
            }
            return plain ? w : "'" + w.replacingOccurrences(of: "'", with: "'\\''") + "'"
        }.joined(separator: " ")
    }
}
