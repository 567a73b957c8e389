import Foundation
import Testing
import _LaborStatTestSupport

/// Every example in every `--help` runs as written, on the files in `Datasets/` (run in a scratch
/// folder that links `Datasets`, so the files an example writes land there).
@Suite("help examples")
struct HelpExamplesTests {
    static let commands = ["", "inspect", "convert", "describe", "tabulate", "aggregate", "pivot", "histogram",
                           "trend", "regress", "compare", "regions", "chart", "report"]

    /// The examples of one help text: lines `  laborstat …`, joined with their continuations (after
    /// a trailing `\`, or the help's own wrapping, which starts at column 0).
    static func examples(_ help: String) -> [String] {
        var out: [String] = []
        var current: String? = nil
        var continued = false
        for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("  laborstat ") && !continued {   // discussion examples, not an option's wrapped help
                if let c = current { out.append(c) }
                current = trimmed
            } else if var c = current, !trimmed.isEmpty, continued || !line.hasPrefix(" ") {
                c += " " + trimmed
                current = c
            } else if current != nil {
                out.append(current!)
                current = nil
            }
            if current != nil, current!.hasSuffix("\\") {
                current!.removeLast()
                current = current!.trimmingCharacters(in: .whitespaces)
                continued = true
            } else {
                continued = false
            }
        }
        if let c = current { out.append(c) }
        return out.filter { !$0.hasPrefix("laborstat: ") }
    }

    @Test("every --help example runs as written (exit 0)", arguments: commands)
    func examplesRun(_ command: String) throws {
        let help = try runLaborstat(command.isEmpty ? ["--help"] : [command, "--help"])
        let examples = HelpExamplesTests.examples(help.stdout)
        #expect(!examples.isEmpty, "\(command): no examples in --help")
        let dir = try temporaryFolder("help")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createSymbolicLink(at: dir.appendingPathComponent("Datasets"), withDestinationURL: repositoryRoot().appendingPathComponent("Datasets"))
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: bin.appendingPathComponent("laborstat"), withDestinationURL: laborstatExecutable())
        for example in examples {
            let r = try runTool("sh", ["-c", "PATH=\"\(bin.path):$PATH\"; " + example + " > /dev/null"], cwd: dir)
            #expect(r.status == 0, "\(command): `\(example)` exited \(r.status): \(r.stderr)")
        }
    }

    @Test func parsesContinuationsAndWraps() {
        let help = """
        Examples:
          laborstat trend a.csv --time t \\
              --by p
          laborstat describe b.csv --columns x --by
        year --weight w
          laborstat regions

        OPTIONS:
        """
        #expect(HelpExamplesTests.examples(help) == ["laborstat trend a.csv --time t --by p", "laborstat describe b.csv --columns x --by year --weight w", "laborstat regions"])
    }
}
