import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Regions side by side: value, share, rank, ratio to a baseline, per-capita rates."
    )

    func run() throws {
        throw ValidationError("compare is not implemented yet")
    }
}
