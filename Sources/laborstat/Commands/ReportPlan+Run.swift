import ArgumentParser
import Foundation
import LaborStat

extension ReportPlan {
    /// Runs every item into `folder` (the report's DIR.tmp): its table to `tables/ID.csv`, its
    /// chart to `charts/ID.svg` and `.png`; returns the document the writers lay out.
    func run(into folder: String) throws -> ReportDocument {
        let total = spec.sections.reduce(0) { $0 + $1.items.count }
        var done = 0
        var sections: [ReportSection] = []
        for section in spec.sections {
            var items: [ReportItem] = []
            for item in section.items {
                done += 1
                if Diagnostics.stderrIsTerminal { Diagnostics.printError("report: [\(done)/\(total)] \(item.id) \(item.command)") }
                items.append(try run(item, section, into: folder))
            }
            sections.append(ReportSection(id: section.id, title: section.title, note: section.note, items: items))
        }
        return ReportDocument(title: spec.title, subtitle: spec.subtitle, author: spec.author, period: spec.period,
                              language: spec.language, sections: sections, inputs: try inputFiles(),
                              definitions: spec.definitions, version: LaborStatCommand.configuration.version,
                              generatedAt: spec.generated ? ISO8601DateFormatter().string(from: Date()) : nil)
    }

    private func run(_ item: ReportSpec.Item, _ section: ReportSpec.Section, into folder: String) throws -> ReportItem {
        let words = arguments(for: item)
        let (table, long) = try runTable(Self.resolvingTables(words, in: folder), item, section)
        let csvPath = "tables/\(item.id).csv"
        var csv = table.options
        csv.format = .csv
        csv.metadata = []
        try TableWriter.write(table.table, to: folder + "/" + csvPath, options: csv)
        if item.table.excel {
            var excel = csv
            excel.bom = true
            excel.crlf = true
            excel.formulaGuard = true
            try TableWriter.write(table.table, to: folder + "/tables/\(item.id).excel.csv", options: excel)
        }
        // With `wide`, the command's own (long) table is kept beside the shown one: the command line
        // in the footer writes exactly it, and the chart draws from it (one row per bar or point).
        var commandCSV = csvPath
        if let long {
            commandCSV = "tables/\(item.id)-long.csv"
            try TableWriter.write(long, to: folder + "/" + commandCSV, options: csv)
        }
        let regionColumn = item.table.region ?? table.table.columnNames.first { Self.regionNames.contains($0) }
        let reportTable = ReportTable(table: table.table, options: table.options, unit: item.table.unit,
                                      source: item.table.source ?? spec.source, notes: item.table.notes,
                                      regionColumn: regionColumn, csvPath: csvPath)
        var chart: ReportChart? = nil
        if let c = item.chart {
            let svgPath = "charts/\(item.id).svg", pngPath = "charts/\(item.id).png"
            let chartWords = chartArguments(for: item, chart: c, csv: folder + "/" + commandCSV, svg: folder + "/" + svgPath)
            try execute(chartWords, item, section, chart: c)
            guard let data = FileManager.default.contents(atPath: folder + "/" + svgPath) else {
                throw located(item, section, c, "the chart was not written")
            }
            let svg = String(decoding: data, as: UTF8.self)
            CJKFontNotice.once()
            try ChartImage.write(svg: svg, to: folder + "/" + pngPath, format: .png, scale: 2)
            let shown = chartArguments(for: item, chart: c, csv: commandCSV, svg: svgPath)
            chart = ReportChart(svg: svg, svgPath: svgPath, pngPath: pngPath, command: Self.shellLine(shown))
        }
        return ReportItem(id: item.id, title: item.title, note: item.note,
                          command: Self.shellLine(Self.resolvingTables(words, in: ".").map { $0.hasPrefix("./") ? String($0.dropFirst(2)) : $0 } + ["-o", commandCSV]), table: reportTable, chart: chart)
    }

    /// Column names that hold provinces or regions: the page then offers a region filter.
    static let regionNames: Set<String> = ["省份", "省", "地区", "区域", "province", "region", "region4", "地区（四大区域）"]

    /// Runs a table command with its output captured; applies the spec's column order.
    /// Returns the table as shown and, when `wide` reshaped it, the long table it came from (charts
    /// draw from that: one row per bar or point).
    private func runTable(_ words: [String], _ item: ReportSpec.Item, _ section: ReportSpec.Section) throws -> (ResultCapture.Result, Table?) {
        var results: [ResultCapture.Result] = []
        try execute(words, item, section) { command in
            results = try ResultCapture.capturing { try command.run() }
        }
        guard var result = results.last else { throw located(item, section, nil, "the command wrote no table") }
        if let keep = item.table.keep {
            do {
                result.table = result.table.selecting(rows: try RowFilter(keep).matchingRows(in: result.table)).materialized()
            } catch {
                throw located(item, section, nil, "table.keep = \"\(keep)\": \(error)")
            }
        }
        var long: Table? = nil
        if let wide = item.table.wide {
            long = result.table
            do {
                let long = result.table
                result.table = try long.widened(rows: wide.rows, columns: wide.columns, value: wide.value)
                // The new columns show as their value column did.
                for name in result.table.columnNames where !long.columnNames.contains(name) {
                    if result.options.isPercent(wide.value) { result.options.percentColumns.insert(name) }
                    if let d = result.options.fixedDecimals[wide.value] { result.options.fixedDecimals[name] = d }
                }
            } catch {
                throw located(item, section, nil, "table.wide: \(error)")
            }
        }
        for (name, places) in item.table.columnDecimals {
            guard result.table.columnNames.contains(name) else {
                throw located(item, section, nil, "table.decimals: no column \"\(name)\"; the table has: \(result.table.columnNames.joined(separator: ", "))")
            }
            result.options.fixedDecimals[name] = places
        }
        if let order = item.table.columns {
            var columns: [Column] = []
            for name in order {
                guard let c = result.table.columns.first(where: { $0.name == name }) else {
                    throw located(item, section, nil, "table.columns: no column \"\(name)\"; the table has: \(result.table.columnNames.joined(separator: ", "))")
                }
                columns.append(c)
            }
            result.table = try Table(columns: columns)
        }
        return (result, long)
    }

    /// Parses and runs one command line as `laborstat` would; an error says which item it came from.
    private func execute(_ words: [String], _ item: ReportSpec.Item, _ section: ReportSpec.Section, chart: ReportSpec.ChartSpec? = nil,
                         _ body: ((inout ParsableCommand) throws -> Void)? = nil) throws {
        var command: ParsableCommand
        do {
            command = try LaborStatCommand.parseAsRoot(words)
        } catch {
            throw located(item, section, chart, Self.specVoice(LaborStatCommand.message(for: error)), flagIn: LaborStatCommand.message(for: error))
        }
        do {
            if let body { try body(&command) } else { try command.run() }
        } catch let error as ValidationError {
            throw located(item, section, chart, error.message, flagIn: error.message)
        } catch let error as ReportSpecError {
            throw error
        } catch {
            // A data error keeps its own place (file:line:column); this line says which item met it.
            let line = chart?.line ?? item.line
            Diagnostics.printError("laborstat: \(specPath):\(line): while running item \"\(item.id)\" of section \"\(section.title)\": \(Self.shellLine(words))")
            throw error
        }
    }

    /// Name, size and SHA-256 of every input, for the footer.
    private func inputFiles() throws -> [ReportInputFile] {
        try spec.inputs.map { input in
            let path = path(of: input)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ReportSpecError(file: specPath, line: input.line, message: "cannot read input \(path)", kind: .missingInput)
            }
            return ReportInputFile(name: input.name, path: path, bytes: Int64(data.count), sha256: SHA256.hex(of: data))
        }
    }

    /// The page, the workbook and the Markdown text.
    func writeDocuments(_ doc: ReportDocument, into folder: String) throws {
        try OutputFile.write(to: folder + "/report.md", bytes: Array(try ReportMarkdown.text(doc).utf8))
        try ReportWorkbook.workbook(doc).write(to: folder + "/report.xlsx")
        try OutputFile.write(to: folder + "/index.html", bytes: Array(ReportHTML.page(doc).utf8))
    }
}
