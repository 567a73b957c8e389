import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Regress: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Linear models by least squares (QR through LAPACK)."
    )

    func run() throws {
        throw ValidationError("regress is not implemented yet")
    }
}
