import Foundation
import Testing
import _LaborStatTestSupport

/// docs/CLI.md is the reference users read; it is generated from the program's own help, and
/// this test fails when a help text changed without `scripts/gen-cli-doc` being run.
@Suite("CLI reference")
struct CLIReferenceTests {
    @Test func docsCLIMatchesTheProgramsHelp() throws {
        let root = repositoryRoot()
        let r = try runTool("env", ["LABORSTAT=\(laborstatExecutable().path)", "bash", root.appendingPathComponent("scripts/gen-cli-doc").path, "--stdout"], cwd: root)
        #expect(r.status == 0, "\(r.stderr)")
        let committed = try String(contentsOf: root.appendingPathComponent("docs/CLI.md"), encoding: .utf8)
        #expect(r.stdout.contains("## laborstat report"), "every subcommand has its section")
        #expect(r.stdout == committed, "docs/CLI.md is stale: run scripts/gen-cli-doc")
    }
}
