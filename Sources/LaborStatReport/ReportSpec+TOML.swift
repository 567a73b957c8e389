import TOMLKit

extension ReportSpec {
    /// Reads a spec from TOML text. `file` names it in errors (`report.toml:23: …`).
    ///
    /// Unknown keys are errors, not ignored: a misspelt `tittle` or `comand` would otherwise make a
    /// report silently different from what its writer meant.
    public init(toml text: String, file: String) throws(ReportSpecError) {
        let root: TOMLTable
        do {
            root = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ReportSpecError(file: file, line: error.source.begin.line, column: error.source.begin.column,
                                  message: "not valid TOML: \(error.description)")
        } catch {
            throw ReportSpecError(file: file, line: nil, message: "not valid TOML: \(error)")
        }
        let reader = SpecReader(file: file, lines: SpecLines(text: text))
        try reader.allow(root, [], keys: ["title", "subtitle", "author", "period", "language", "generated", "source",
                                          "inputs", "definitions", "sections"])
        title = try reader.string(root, ["title"], required: true)!
        subtitle = try reader.string(root, ["subtitle"])
        author = try reader.string(root, ["author"])
        period = try reader.string(root, ["period"])
        let lang = try reader.string(root, ["language"]) ?? "zh"
        guard let language = ReportLanguage(rawValue: lang) else {
            throw reader.error(["language"], "language must be zh or en (got \"\(lang)\")")
        }
        self.language = language
        generated = try reader.bool(root, ["generated"]) ?? false
        source = try reader.string(root, ["source"])

        inputs = []
        if let table = try reader.table(root, ["inputs"]) {
            for name in table.keys.sorted() {
                let path = ["inputs", name]
                guard let t = table[name]?.table else { throw reader.error(path, "inputs.\(name) must be a table with file = \"…\"") }
                try reader.allow(t, path, keys: ["file", "read", "design"])
                inputs.append(Input(name: name, file: try reader.string(t, path + ["file"], required: true)!,
                                    read: try reader.options(t, path + ["read"]),
                                    design: try reader.options(t, path + ["design"]),
                                    line: reader.line(path)))
            }
        }

        definitions = []
        for (i, t) in try reader.tables(root, ["definitions"]).enumerated() {
            let path = ["definitions", String(i)]
            try reader.allow(t, path, keys: ["term", "text"])
            definitions.append(ReportDefinition(term: try reader.string(t, path + ["term"], required: true)!,
                                                text: try reader.string(t, path + ["text"], required: true)!))
        }

        sections = []
        var ids = Set<String>()
        var itemNumber = 0
        for (s, t) in try reader.tables(root, ["sections"]).enumerated() {
            let path = ["sections", String(s)]
            try reader.allow(t, path, keys: ["id", "title", "note", "items"])
            let sectionTitle = try reader.string(t, path + ["title"], required: true)!
            var items: [Item] = []
            for (k, it) in try reader.tables(t, path + ["items"]).enumerated() {
                itemNumber += 1
                let ip = path + ["items", String(k)]
                var item = try reader.item(it, ip, number: itemNumber, section: sectionTitle)
                if item.input.isEmpty, inputs.count == 1 { item.input = inputs[0].name }
                guard inputs.contains(where: { $0.name == item.input }) else {
                    let known = inputs.map(\.name).joined(separator: ", ")
                    throw reader.error(ip + ["input"], item.input.isEmpty
                        ? "item \"\(item.id)\" needs input = \"NAME\" (the inputs are: \(known))"
                        : "item \"\(item.id)\": no input \"\(item.input)\" (the inputs are: \(known))")
                }
                guard ids.insert(item.id).inserted else { throw reader.error(ip + ["id"], "two items have the id \"\(item.id)\"") }
                items.append(item)
            }
            let id = try reader.string(t, path + ["id"]) ?? "s\(s + 1)"
            sections.append(Section(id: id, title: sectionTitle, note: try reader.string(t, path + ["note"]), items: items,
                                    line: reader.line(path)))
        }
        if sections.allSatisfy(\.items.isEmpty) {
            throw ReportSpecError(file: file, line: nil, message: "the spec has no items: add [[sections]] with [[sections.items]]")
        }
    }
}

/// Reads typed values out of TOMLKit's tables, each error placed at its key's line.
private struct SpecReader {
    let file: String
    let lines: SpecLines

    func line(_ path: [String]) -> Int { lines.line(of: path) ?? 1 }

    func error(_ path: [String], _ message: String) -> ReportSpecError {
        ReportSpecError(file: file, line: lines.line(of: path), message: message)
    }

    func allow(_ table: TOMLTable, _ path: [String], keys: Set<String>) throws(ReportSpecError) {
        for key in table.keys.sorted() where !keys.contains(key) {
            let place = path.isEmpty ? "at the top" : "in [\(path.filter { Int($0) == nil }.joined(separator: "."))]"
            throw error(path + [key], "unknown key \"\(key)\" \(place) (known: \(keys.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ table: TOMLTable, _ path: [String], required: Bool = false) throws(ReportSpecError) -> String? {
        guard let value = table[path.last!] else {
            if required { throw error(Array(path.dropLast()), "missing \(path.last!) = \"…\"") }
            return nil
        }
        guard let s = value.string else { throw error(path, "\(path.last!) must be a string") }
        return s
    }

    func bool(_ table: TOMLTable, _ path: [String]) throws(ReportSpecError) -> Bool? {
        guard let value = table[path.last!] else { return nil }
        guard let b = value.bool else { throw error(path, "\(path.last!) must be true or false") }
        return b
    }

    func table(_ table: TOMLTable, _ path: [String]) throws(ReportSpecError) -> TOMLTable? {
        guard let value = table[path.last!] else { return nil }
        guard let t = value.table else { throw error(path, "\(path.last!) must be a table") }
        return t
    }

    /// An array of tables (`[[sections]]`); absent is empty.
    func tables(_ table: TOMLTable, _ path: [String]) throws(ReportSpecError) -> [TOMLTable] {
        guard let value = table[path.last!] else { return [] }
        guard let array = value.array else { throw error(path, "\(path.last!) must be an array of tables ([[\(path.last!)]])") }
        var out: [TOMLTable] = []
        for element in array {
            guard let t = element.table else { throw error(path, "every element of \(path.last!) must be a table") }
            out.append(t)
        }
        return out
    }

    func strings(_ table: TOMLTable, _ path: [String]) throws(ReportSpecError) -> [String]? {
        guard let value = table[path.last!] else { return nil }
        if let s = value.string { return [s] }
        guard let array = value.array else { throw error(path, "\(path.last!) must be a string or an array of strings") }
        var out: [String] = []
        for element in array {
            guard let s = element.string else { throw error(path, "\(path.last!) must hold strings") }
            out.append(s)
        }
        return out
    }

    /// A table of CLI options, in key order (TOML tables have no order; the command line does not need one).
    func options(_ table: TOMLTable, _ path: [String], except: Set<String> = []) throws(ReportSpecError) -> [ReportSpec.Option] {
        guard let t = try self.table(table, path) else { return [] }
        return try options(in: t, path, except: except)
    }

    func options(in t: TOMLTable, _ path: [String], except: Set<String> = []) throws(ReportSpecError) -> [ReportSpec.Option] {
        var out: [ReportSpec.Option] = []
        for key in t.keys.sorted() where !except.contains(key) {
            let p = path + [key]
            guard let v = t[key], let value = value(v) else {
                throw error(p, "option \(key) must be a string, a number, true/false or an array of these")
            }
            if key.hasPrefix("-") { throw error(p, "write option names without dashes: \(key.drop(while: { $0 == "-" })) = …") }
            out.append(ReportSpec.Option(key: key, value: value, line: line(p)))
        }
        return out
    }

    func value(_ v: TOMLValueConvertible) -> ReportSpec.Value? {
        switch v.type {
        case .bool: return v.bool.map { .bool($0) }
        case .int: return v.int.map { .integer($0) }
        case .double: return v.double.map { .double($0) }
        case .string: return v.string.map { .string($0) }
        case .array:
            var items: [ReportSpec.Value] = []
            for e in v.array! {
                // Lists of lists have no command-line form.
                guard let x = value(e) else { return nil }
                if case .list = x { return nil }
                items.append(x)
            }
            return .list(items)
        default: return nil
        }
    }

    func item(_ t: TOMLTable, _ path: [String], number: Int, section: String) throws(ReportSpecError) -> ReportSpec.Item {
        try allow(t, path, keys: ["id", "title", "note", "command", "input", "args", "design", "options", "table", "chart"])
        let id = try string(t, path + ["id"]) ?? String(format2: number)
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
            throw error(path + ["id"], "id \"\(id)\" names files (tables/ID.csv): use letters, digits, - and _")
        }
        let command = try string(t, path + ["command"], required: true)!
        var layout = ReportSpec.TableLayout(unit: nil, source: nil, notes: [], columns: nil, region: nil, keep: nil, wide: nil, columnDecimals: [:], excel: false, options: [])
        if let tt = try table(t, path + ["table"]) {
            let tp = path + ["table"]
            let layoutKeys: Set<String> = ["unit", "source", "notes", "columns", "region", "keep", "wide", "excel"]
            let formatting: Set<String> = ["decimals", "digits", "percent", "rename", "labels"]
            try allow(tt, tp, keys: formatting.union(layoutKeys))
            layout.unit = try string(tt, tp + ["unit"])
            layout.source = try string(tt, tp + ["source"])
            layout.notes = try strings(tt, tp + ["notes"]) ?? []
            layout.columns = try strings(tt, tp + ["columns"])
            layout.region = try string(tt, tp + ["region"])
            layout.keep = try string(tt, tp + ["keep"])
            if let w = try table(tt, tp + ["wide"]) {
                let wp = tp + ["wide"]
                try allow(w, wp, keys: ["rows", "columns", "value"])
                layout.wide = ReportSpec.Wide(rows: try strings(w, wp + ["rows"]) ?? [], columns: try string(w, wp + ["columns"], required: true)!,
                                              value: try string(w, wp + ["value"], required: true)!)
            }
            layout.excel = try bool(tt, tp + ["excel"]) ?? false
            var except = layoutKeys
            if let perColumn = tt["decimals"]?.table {
                except.insert("decimals")
                for name in perColumn.keys.sorted() {
                    guard let n = perColumn[name]?.int, (0...15).contains(n) else {
                        throw error(tp + ["decimals", name], "decimals.\(name) must be a whole number from 0 to 15")
                    }
                    layout.columnDecimals[name] = n
                }
            }
            layout.options = try options(in: tt, tp, except: except)
        }
        var chart: ReportSpec.ChartSpec? = nil
        if let ct = try table(t, path + ["chart"]) {
            let cp = path + ["chart"]
            let kind = try string(ct, cp + ["kind"], required: true)!
            chart = ReportSpec.ChartSpec(kind: kind, options: try options(in: ct, cp, except: ["kind"]), line: line(cp))
        }
        return ReportSpec.Item(id: id, title: try string(t, path + ["title"], required: true)!, note: try string(t, path + ["note"]),
                               command: command, input: try string(t, path + ["input"]) ?? "",
                               useDesign: try bool(t, path + ["design"]) ?? true,
                               arguments: try strings(t, path + ["args"]) ?? [],
                               options: try options(t, path + ["options"]), table: layout, chart: chart, line: line(path))
    }
}

private extension String {
    /// `t01`, `t02`, …: the default item ids, in report order.
    init(format2 n: Int) { self = n < 10 ? "t0\(n)" : "t\(n)" }
}
