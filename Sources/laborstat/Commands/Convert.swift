import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "A normalized copy of a file: numbers in plain decimal, dates ISO."
    )

    func run() throws {
        throw ValidationError("convert is not implemented yet")
    }
}
