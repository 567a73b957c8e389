import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Trend: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trend",
        abstract: "Series, growth and trend tests (OLS, Theil–Sen, Mann–Kendall) per group."
    )

    func run() throws {
        throw ValidationError("trend is not implemented yet")
    }
}
