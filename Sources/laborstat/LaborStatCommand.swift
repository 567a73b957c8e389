import ArgumentParser
import LaborStat

#if canImport(Glibc)
import Glibc
#endif

/// `laborstat`: statistics of migrant-worker labour from the command line.
struct LaborStatCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "laborstat",
        abstract: "Statistics of migrant-worker labour: survey microdata and wage-arrears registers.",
        discussion: """
        Reads CSV, TSV and XLSX files as Chinese offices export them: GB18030/GBK or UTF-8 with a BOM, \
        numbers like 2.84万, 4826.07万元, 3,500, 12%, dates like 2013年12月9日. Writes tables \
        (CSV, TSV, Markdown, JSON, XLSX), charts (SVG, PNG, PDF) and whole reports: one TOML spec \
        gives a self-contained page, a workbook and Markdown (laborstat report).

        Examples:
          laborstat inspect Datasets/arrears_register.csv
          laborstat aggregate Datasets/arrears_register.csv --by 省份,立案日期:year --count --sum 欠薪金额（元）
          laborstat describe Datasets/survey_sample.csv --columns monthly_income --by year --weight weight
          laborstat trend Datasets/national_migrant_workers.csv --time 年份 --value 农民工总量（万人）
          laborstat report Datasets/reports/nbs-monitoring.toml -o nbs-report

        Exit codes: 0 success, 64 usage error, 65 bad data, 66 input missing or unreadable, \
        73 output cannot be created, 74 I/O error.
        """,
        version: "0.1.0",
        subcommands: CommandRegistry.all
    )
}

@main
enum Main {
    static func main() {
        do {
            var command = try LaborStatCommand.parseAsRoot()
            try FileClash.check(command)   // no output may overwrite an input or another output
            try command.run()
        } catch let error as any LaborStatError {
            Diagnostics.report(error)
            exit(error.kind.exitCode)
        } catch let error as ValidationError {
            // Thrown by a command's run() after parsing: a usage error in the contract's form.
            Diagnostics.printError("laborstat: \(error.message)")
            exit(64)
        } catch {
            LaborStatCommand.exit(withError: error)
        }
    }
}
