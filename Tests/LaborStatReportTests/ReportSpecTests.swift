import Foundation
import Testing
@testable import LaborStatReport

@Suite struct ReportSpecTests {
    let text = """
    title = "报告"
    language = "en"
    [inputs.survey]
    file = "s.csv"
    design = { weight = "w", strata = "st" }
    read = { skip-rows = 2 }

    [[sections]]
    title = "A"
    note = \"\"\"
    [[not a header]]
    x = 1
    \"\"\"

    [[sections.items]]
    title = "one"
    command = "describe"
    options = { columns = "income", by = ["region", "year"], test = true, off = false }

    [[sections]]
    title = "B"

    [[sections.items]]
    id = "two"
    title = "two"
    command = "tabulate"
    design = false
    [sections.items.options]
    rows = "sex"
    level = 0.9
    [sections.items.table]
    unit = "%"
    decimals = { "份额" = 3 }
    """

    @Test func readsEveryPartWithItsLine() throws {
        let spec = try ReportSpec(toml: text, file: "r.toml")
        #expect(spec.title == "报告" && spec.language == .en)
        #expect(spec.inputs.map(\.name) == ["survey"])
        #expect(spec.inputs[0].design.map(\.key) == ["strata", "weight"])
        #expect(spec.inputs[0].read == [ReportSpec.Option(key: "skip-rows", value: .integer(2), line: 6)])
        let items = spec.sections.flatMap(\.items)
        #expect(items.map(\.id) == ["t01", "two"])
        #expect(items[0].line == 15 && items[1].line == 23)
        #expect(items[0].input == "survey", "the only input is the default")
        #expect(items[0].options.first { $0.key == "by" }?.line == 18)
        #expect(items[1].options.first { $0.key == "level" }?.line == 30, "keys under [sections.items.options] keep their own line")
        #expect(items[1].table.columnDecimals == ["份额": 3] && items[1].table.unit == "%")
        let words = items[0].arguments(input: spec.inputs[0], file: "s.csv", designCommands: ["describe"])
        #expect(words == ["describe", "s.csv", "--skip-rows", "2", "--strata", "st", "--weight", "w",
                          "--by", "region,year", "--columns", "income", "--test"])
        #expect(!items[1].arguments(input: spec.inputs[0], file: "s.csv", designCommands: ["tabulate"]).contains("--weight"),
                "design = false leaves the design out")
    }

    @Test func mistakesNameTheirLine() {
        func failure(_ t: String) -> String {
            do { _ = try ReportSpec(toml: t, file: "r.toml"); return "no error" } catch { return error.description }
        }
        #expect(failure(text.replacingOccurrences(of: "command = \"tabulate\"", with: "comand = \"tabulate\"")).hasPrefix("r.toml:26: unknown key \"comand\" in [sections.items]"))
        #expect(failure(text.replacingOccurrences(of: "command = \"tabulate\"", with: "")).hasPrefix("r.toml:23: missing command"))
        #expect(failure(text.replacingOccurrences(of: "level = 0.9", with: "level = 0.9\n--by = 1")).hasPrefix("r.toml:31: write option names without dashes"))
        #expect(failure(text + "\ntittle = 1").contains("unknown key \"tittle\""))
        #expect(failure(text.replacingOccurrences(of: "language = \"en\"", with: "language = \"fr\"")) == "r.toml:2: language must be zh or en (got \"fr\")")
        #expect(failure("title = \"x\"\nsections = 3").hasPrefix("r.toml:2: sections must be an array"))
        #expect(failure("title = ").hasPrefix("r.toml:1:"), "TOMLKit's own position")
    }

    @Test func sha256MatchesTheSystemTool() throws {
        // FIPS 180-4 examples, and a length that crosses the 56-byte padding boundary.
        #expect(SHA256.hex(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(of: [UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let bytes = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 &* 2654435761 >> 7) }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [url.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        for n in [55, 56, 63, 64, 65, 100_000] {
            if n == 100_000 { #expect(SHA256.hex(of: bytes) == String(out.prefix(64))) }
            var h = SHA256()
            h.update(bytes.prefix(n / 2)); h.update(bytes.prefix(n).dropFirst(n / 2))
            #expect(h.finish() == SHA256.hex(of: Array(bytes.prefix(n))), "split update, \(n) bytes")
        }
    }
}
