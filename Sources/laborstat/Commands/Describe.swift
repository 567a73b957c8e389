import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Distributions: n, mean, sd, quantiles, Gini … per column and group, weighted or design-based."
    )

    func run() throws {
        throw ValidationError("describe is not implemented yet")
    }
}
