import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Schema and quality of a file: every column's type, unit, missing and distinct values."
    )

    func run() throws {
        throw ValidationError("inspect is not implemented yet")
    }
}
