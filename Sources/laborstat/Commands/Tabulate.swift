import ArgumentParser
import LaborStat

extension LaborStatCommand {}

struct Tabulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tabulate",
        abstract: "Frequencies and cross-tabulations with shares (and standard errors under a design).",
        discussion: """
        One-way (--rows C): [by], C, n, share, share_se, share_ci_low, share_ci_high. Without a \
        design, share_se is the binomial √(p(1−p)/N) and the interval is Wilson's score interval \
        at --level (R prop.test(correct = FALSE)).
        Two-way (--rows C --cols C2): [by], C, C2, n, share, every combination listed (n = 0 where \
        none), share of the total, of the row (C) or of the column (C2) by --share.
        --test: the chi-square test of independence instead: [by], statistic, df, p_value, method \
        (Pearson, no continuity correction, as scipy chi2_contingency(correction=False) and R \
        chisq.test(correct=FALSE); Rao-Scott under a design).
        Rows whose C (or C2) is missing are left out, as R table().

        Examples:
          laborstat tabulate arrears.csv --rows industry
          laborstat tabulate arrears.csv --rows province --cols status --share row
          laborstat tabulate survey.csv --rows sex --cols has_contract --test
        """
    )

    @OptionGroup var input: InputOptions

    @Option(help: "The classifying column (or period key).")
    var rows: String

    @Option(help: "A second classifying column: a two-way table.")
    var cols: String?

    @Option(help: "Group keys, comma-separated.")
    var by: String?

    @Option(help: "Two-way shares of: total|row|col.")
    var share: String = "total"

    @Flag(help: "Print the chi-square test of independence of --rows and --cols.")
    var test = false

    @OptionGroup var design: DesignOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard FrequencyTable.Share(rawValue: share) != nil else { throw ValidationError("--share must be total, row or col (got \(share))") }
        if test && cols == nil { throw ValidationError("--test needs --cols (a two-way table)") }
    }

    func run() throws {
        let spec = try design.spec
        if spec.isDesignBased { throw DesignSupport.unavailable(command: "tabulate") }
        let keys = commaList(by).map(KeySpec.init)
        let rk = KeySpec(rows), ck = cols.map(KeySpec.init)
        let table = try input.loadFiltered(columns: [rk.column] + (ck.map { [$0.column] } ?? []) + keys.map(\.column))
        let result: Table
        var meta: [(String, String)] = [("command", "tabulate"), ("weighting", "none (counts)")]
        if let ck {
            if test {
                result = try FrequencyTable.chiSquare(table, rows: rk, cols: ck, by: keys)
                meta.append(("test", "Pearson chi-square, no continuity correction"))
            } else {
                result = try FrequencyTable.twoWay(table, rows: rk, cols: ck, by: keys, share: FrequencyTable.Share(rawValue: share)!)
                meta.append(("share", "of the \(share == "total" ? "total" : share == "row" ? "row (\(rk))" : "column (\(ck))")"))
            }
        } else {
            result = try FrequencyTable.oneWay(table, column: rk, by: keys, level: spec.level)
            meta.append(("share_se", "binomial sqrt(p(1-p)/N)"))
            meta.append(("ci_method", "Wilson score interval at level \(spec.level)"))
        }
        try output.emit(result, metadata: meta)
    }
}
