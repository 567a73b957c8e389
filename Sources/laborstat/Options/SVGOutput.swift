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
    @Option(name: .customLong("svg"), help: ArgumentHelp("Also draw the command's standard chart into this file: .svg, .png (2× by default) or .pdf.", valueName: "file"))
    var path: String?

    @OptionGroup var image: ImageOptions

    /// Renders and writes the chart when `--svg` was given.
    func write(_ chart: @autoclosure () throws -> LaborStatCharts.Chart) throws {
        guard let path else { return }
        try writeChart(try chart().render(), to: path, image: image)
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

/// `--scale` and `--dpi` for charts written as PNG or PDF.
struct ImageOptions: ParsableArguments {
    @Option(help: "PNG/PDF: size multiplier over the chart's px size (default 2 for PNG, sharp in Word and PowerPoint; 1 for PDF).")
    var scale: Double?

    @Option(help: "PNG: pixels per inch instead of --scale (the chart's px are 1/96 in: --dpi 300 is a 3.125× PNG).")
    var dpi: Double?

    /// The scale for `format`; nil for the default.
    func scale(for format: ChartImage.Format) throws -> Double? {
        if scale != nil && dpi != nil { throw ValidationError("give --scale or --dpi, not both") }
        if let dpi {
            guard format == .png else { throw ValidationError("--dpi sets a PNG's pixel density; \(format == .pdf ? "a PDF is vector (use --scale for its page size)" : "an SVG has none")") }
            guard dpi >= 24, dpi <= 2400 else { throw ValidationError("--dpi must be 24–2400") }
            return dpi / 96
        }
        if let scale {
            guard format != .svg else { throw ValidationError("--scale is for PNG and PDF output (an SVG scales by itself)") }
            guard scale > 0, scale <= 20 else { throw ValidationError("--scale must be above 0 and at most 20") }
        }
        return scale
    }
}

/// Writes a chart's SVG to `path` as the extension says: `.svg` as it is, `.png` / `.pdf`
/// rendered in-process by librsvg + cairo; `-` is SVG on standard output. Any other extension is
/// a usage error, never a silent SVG. Without a CJK font, says so once.
func writeChart(_ svg: String, to path: String, image: ImageOptions) throws {
    let format: ChartImage.Format
    // Standard output, a device, a FIFO or a /proc/self/fd link takes the SVG as it is, written in
    // place; the extension names the format of a file.
    var info = stat()
    if path == "-" || (stat(path, &info) == 0 && info.st_mode & S_IFMT != S_IFREG) { format = .svg } else {
        guard let f = ChartImage.format(ofPath: path) else {
            throw ValidationError("\(path): charts are written as .svg, .png or .pdf; name the file with one of these extensions")
        }
        format = f
    }
    let scale = try image.scale(for: format)
    if format == .svg { try writeSVG(svg, to: path); return }
    CJKFontNotice.once()
    try ChartImage.write(svg: svg, to: path, format: format, scale: scale)
}

/// Says once per run that Chinese text will draw as boxes when fontconfig has no CJK font.
enum CJKFontNotice {
    nonisolated(unsafe) private static var said = false
    static func once() {
        if said { return }
        said = true
        if !ChartImage.hasCJKFont() {
            Diagnostics.printError("laborstat: note: no Chinese (CJK) font is installed, so Chinese text in PNG and PDF charts draws as boxes; install one: apt-get install fonts-noto-cjk")
        }
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
