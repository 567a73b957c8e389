import ArgumentParser

/// Every subcommand, in the order `--help` lists them. Each lives in `Commands/<Name>.swift`.
enum CommandRegistry {
    static let all: [ParsableCommand.Type] = [
        Inspect.self, Convert.self,
        Describe.self, Tabulate.self, Aggregate.self, Pivot.self, Histogram.self,
        Trend.self, Regress.self,
        Compare.self, RegionsCommand.self,
        Chart.self,
        Report.self,
    ]
}
