import ArgumentParser
import Foundation
import LaborStat

#if canImport(Glibc)
import Glibc
#endif

/// `--svg FILE` for every analysis command: draw the command's natural chart next to its table.
///
/// A command declares `@OptionGroup var svg: SVGOutputOptions`, builds a `Chart` from its result
/// (e.g. `Chart.line`, `Chart.hbar`, `Chart.make(.histogram, data:spec:)`) and calls
/// `try svg.write(chart)`; or writes any SVG text with `writeSVG(_:to:)`.
struct SVGOutputOptions: ParsableArguments {
    @Option(name: .customLong("svg"), help: ArgumentHelp("Also draw the command's standard chart into this SVG file.", valueName: "file"))
    var path: String?

    /// Renders and writes the chart when `--svg` was given.
    func write(_ chart: @autoclosure () throws -> LaborStatCharts.Chart) throws {
        guard let path else { return }
        try writeSVG(try chart().render(), to: path)
    }

    /// Draws a result table's columns when `--svg` was given, e.g. for `trend --series`:
    /// `try svg.write(result, kind: .line, x: "period", y: "value", color: "province", spec: spec)`;
    /// for `compare`: `kind: .hbar, x: "region", y: "value", low: "ci_low", high: "ci_high"`.
    func write(_ table: Table, kind: ChartKind, x: String, y: String?, color: String? = nil, facet: String? = nil,
               low: String? = nil, high: String? = nil, spec: ChartSpec) throws {
        guard path != nil else { return }
        func column(_ name: String?) throws -> ChartColumn? {
            try name.map { try ChartColumns.column(table, KeySpec($0)) }
        }
        let data = ChartData(x: try column(x)!, y: try column(y), color: try column(color), facet: try column(facet),
                             low: try column(low), high: try column(high))
        try write(try LaborStatCharts.Chart.make(kind, data: data, spec: spec))
    }
}

/// Writes SVG text to `path` (`-`: standard output) through the one output writer
/// (`OutputFile.write`): a regular file atomically (temporary sibling, fsync, rename), a device,
/// pipe or `/proc/self/fd` link in place; a closed pipe ends quietly, a full disk is exit 74.
/// Throws `ExportError.cannotCreate` (exit 73) or `.writeFailed` (exit 74).
func writeSVG(_ svg: String, to path: String) throws {
    try OutputFile.write(to: path, bytes: Array(svg.utf8))
}

/// Chart errors map to the contract's exit codes: options that do not fit the kind are usage
/// errors (64); data that cannot be drawn are bad data (65).
extension ChartError: LaborStatError {
    public var kind: FailureKind {
        switch self {
        case .invalid: .usage
        case .noData, .nonPositiveOnLogScale, .notFinite, .duplicate: .badData
        }
    }
}
