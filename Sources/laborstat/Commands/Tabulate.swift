import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Tabulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabulate",
        abstract: "Frequencies and cross-tabulations with shares (and standard errors under a design)."
    )

    func run() throws {
        throw ValidationError("tabulate is not implemented yet")
    }
}
