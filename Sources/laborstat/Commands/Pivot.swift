import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Pivot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pivot",
        abstract: "A wide table: one row per level of --rows, one column per level of --cols."
    )

    func run() throws {
        throw ValidationError("pivot is not implemented yet")
    }
}
