import Foundation

/// Where each key of a TOML spec is written: the parser (TOMLKit) gives values without positions,
/// so the lines are found by reading the text once more, the way TOML names its tables.
///
/// A key's path is its tables' names and, for arrays of tables, the element's index:
/// `sections.1.items.0.options.by`. Keys inside an inline table (`options = { by = "x" }`) are
/// placed on that table's line. Only what a spec needs is understood: `[table]`, `[[array]]`,
/// `key = value`, inline tables on one line and multi-line strings, which are skipped.
struct SpecLines {
    private var lineOfPath: [String: Int] = [:]

    init(text: String) {
        var header: [String] = []
        var arrayCounts: [String: Int] = [:]   // `[[sections]]` seen so far, per array path
        var openString: String? = nil           // the delimiter of a multi-line string being skipped
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            var line = Substring(raw)
            if let delimiter = openString {
                guard let close = line.range(of: delimiter) else { continue }
                line = line[close.upperBound...]
                openString = nil
                continue
            }
            line = line.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("#") || line.isEmpty { continue }
            if line.hasPrefix("[[") {
                let names = Self.names(inHeader: line.dropFirst(2).prefix(while: { $0 != "]" }))
                // `[[sections.items]]` is an element of the items of the last section.
                var path: [String] = []
                for (i, name) in names.enumerated() {
                    path.append(name)
                    let key = path.joined(separator: ".")
                    if i == names.count - 1 {
                        let n = arrayCounts[key, default: 0]
                        arrayCounts[key] = n + 1
                        path.append(String(n))
                        // Elements of nested arrays restart with their parent element.
                        for k in arrayCounts.keys where k.hasPrefix(path.joined(separator: ".") + ".") { arrayCounts[k] = nil }
                    } else if let n = arrayCounts[key] {
                        path.append(String(n - 1))
                    }
                }
                header = path
                lineOfPath[path.joined(separator: "."), default: lineNumber] = lineNumber
                continue
            }
            if line.hasPrefix("[") {
                var path: [String] = []
                for name in Self.names(inHeader: line.dropFirst().prefix(while: { $0 != "]" })) {
                    path.append(name)
                    if let n = arrayCounts[path.joined(separator: ".")] { path.append(String(n - 1)) }
                }
                header = path
                lineOfPath[path.joined(separator: "."), default: lineNumber] = lineNumber
                continue
            }
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = Self.unquote(line[..<eq])
            let path = (header + [key]).joined(separator: ".")
            lineOfPath[path, default: lineNumber] = lineNumber
            let value = line[line.index(after: eq)...].drop(while: { $0 == " " })
            if value.hasPrefix("{") {
                for inner in Self.inlineKeys(value) { lineOfPath[path + "." + inner, default: lineNumber] = lineNumber }
            }
            for delimiter in ["\"\"\"", "'''"] where value.hasPrefix(delimiter) {
                if value.dropFirst(3).range(of: delimiter) == nil { openString = delimiter }
            }
        }
    }

    /// The line of a key, else of the nearest table that holds it.
    func line(of path: [String]) -> Int? {
        var p = path
        while !p.isEmpty {
            if let line = lineOfPath[p.joined(separator: ".")] { return line }
            p.removeLast()
        }
        return nil
    }

    private static func names(inHeader text: Substring) -> [String] {
        text.split(separator: ".").map { unquote($0) }
    }

    private static func unquote(_ text: Substring) -> String {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.count >= 2, let f = t.first, f == "\"" || f == "'", t.last == f { return String(t.dropFirst().dropLast()) }
        return t
    }

    /// The keys of a one-line inline table: `{ by = "x", test = true }` → `by`, `test`.
    private static func inlineKeys(_ text: Substring) -> [String] {
        var keys: [String] = []
        var depth = 0, quote: Character? = nil, start = text.index(after: text.startIndex)
        var i = start
        while i < text.endIndex {
            let c = text[i]
            if let q = quote {
                if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "{" || c == "[" {
                depth += 1
            } else if c == "}" || c == "]" {
                if depth == 0 { break }
                depth -= 1
            } else if c == "," && depth == 0 {
                start = text.index(after: i)
            } else if c == "=" && depth == 0 {
                keys.append(unquote(text[start..<i]))
            }
            i = text.index(after: i)
        }
        return keys
    }
}
