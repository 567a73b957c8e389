import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Aggregate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "aggregate",
        abstract: "Group-by: counts, sums, means, medians, minima, maxima, ratios."
    )

    func run() throws {
        throw ValidationError("aggregate is not implemented yet")
    }
}
