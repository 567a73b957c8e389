import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chart",
        abstract: "Draw an SVG chart from a table."
    )

    func run() throws {
        throw ValidationError("chart is not implemented yet")
    }
}
