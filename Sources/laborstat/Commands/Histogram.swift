import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Histogram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "histogram",
        abstract: "Histogram bins of a column."
    )

    func run() throws {
        throw ValidationError("histogram is not implemented yet")
    }
}
