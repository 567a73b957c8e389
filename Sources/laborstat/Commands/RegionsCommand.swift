import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct RegionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regions",
        abstract: "The built-in table of China's provincial-level divisions."
    )

    func run() throws {
        throw ValidationError("regions is not implemented yet")
    }
}
