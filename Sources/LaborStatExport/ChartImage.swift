import CRSVG
import LaborStatTable

/// Charts as PNG or PDF, rendered in-process from LaborStat's SVG by librsvg and cairo (Debian
/// `librsvg2-dev`), the renderer `rsvg-convert` uses. Fonts come from fontconfig, so the SVG's CJK
/// font stack finds Noto Sans CJK (or whichever CJK font is installed).
///
/// Word on Windows does not take SVG reliably; a PNG at 2× (the default scale) pastes sharp into
/// Word and PowerPoint, and a PDF stays vector (fonts embedded as subsets).
public enum ChartImage {
    public enum Format: String, Sendable, CaseIterable { case svg, png, pdf }

    /// The format a file name asks for (`.svg`, `.png`, `.pdf`), nil for any other extension.
    public static func format(ofPath path: String) -> Format? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        return Format(rawValue: name[name.index(after: dot)...].lowercased())
    }

    /// PNG bytes: the SVG's size in px times `scale` (2 for sharp pastes), on white.
    public static func png(svg: String, scale: Double = 2) throws(ExportError) -> [UInt8] {
        let handle = try load(svg)
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        let (w, h) = size(handle)
        let pw = Int32((w * scale).rounded(.up)), ph = Int32((h * scale).rounded(.up))
        guard pw > 0, ph > 0, pw <= 32_767, ph <= 32_767 else {
            throw .invalidRequest("a \(pw)×\(ph) px PNG is beyond what cairo draws (at most 32767 px a side): lower --scale")
        }
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, pw, ph) else { throw .unencodable("cairo cannot create an image surface") }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)!
        defer { cairo_destroy(cr) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        try draw(handle, on: cr, width: w * scale, height: h * scale)
        let sink = Bytes()
        let status = cairo_surface_write_to_png_stream(surface, { closure, data, length in
            let sink = Unmanaged<Bytes>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque())
        guard status == CAIRO_STATUS_SUCCESS else { throw .unencodable("cairo cannot encode the PNG: \(String(cString: cairo_status_to_string(status)))") }
        return sink.bytes
    }

    /// PDF bytes: one page the chart's size (96 px to the inch, so a 720 px chart is 7.5 in wide),
    /// times `scale`; text stays text, with the fonts embedded.
    public static func pdf(svg: String, scale: Double = 1) throws(ExportError) -> [UInt8] {
        let handle = try load(svg)
        defer { g_object_unref(UnsafeMutableRawPointer(handle)) }
        let (w, h) = size(handle)
        let pointsPerPixel = 72.0 / 96.0 * scale
        let sink = Bytes()
        guard let surface = cairo_pdf_surface_create_for_stream({ closure, data, length in
            let sink = Unmanaged<Bytes>.fromOpaque(closure!).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }, Unmanaged.passUnretained(sink).toOpaque(), w * pointsPerPixel, h * pointsPerPixel) else {
            throw .unencodable("cairo cannot create a PDF surface")
        }
        let cr = cairo_create(surface)!
        do {
            try draw(handle, on: cr, width: w * pointsPerPixel, height: h * pointsPerPixel)
        } catch {
            cairo_destroy(cr)
            cairo_surface_destroy(surface)
            throw error
        }
        cairo_destroy(cr)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        cairo_surface_destroy(surface)
        guard status == CAIRO_STATUS_SUCCESS else { throw .unencodable("cairo cannot write the PDF: \(String(cString: cairo_status_to_string(status)))") }
        return sink.bytes
    }

    /// The bytes of `svg` in `format`; `scale` nil is 2 for PNG and 1 for PDF.
    public static func render(svg: String, as format: Format, scale: Double? = nil) throws(ExportError) -> [UInt8] {
        switch format {
        case .svg: return Array(svg.utf8)
        case .png: return try png(svg: svg, scale: scale ?? 2)
        case .pdf: return try pdf(svg: svg, scale: scale ?? 1)
        }
    }

    /// Writes the chart to `path` (format from its extension; `-` is standard output, as SVG
    /// unless `format` says otherwise) through the same atomic writer as tables.
    public static func write(svg: String, to path: String, format: Format? = nil, scale: Double? = nil) throws(ExportError) {
        let chosen: Format
        if let format { chosen = format } else if path == "-" { chosen = .svg } else {
            guard let f = ChartImage.format(ofPath: path) else {
                throw .invalidRequest("\(path): a chart is written as .svg, .png or .pdf; name the file with one of these extensions")
            }
            chosen = f
        }
        let bytes = try render(svg: svg, as: chosen, scale: scale)
        if path == "-" {
            try StandardOutput().write(bytes)
        } else {
            try OutputFile.replace(path) { (write: @escaping ([UInt8]) throws(ExportError) -> Void) throws(ExportError) in try write(bytes) }
        }
    }

    /// Whether fontconfig knows a font that covers Chinese (`:lang=zh`). Without one, Chinese text
    /// in a PNG or PDF draws as boxes.
    public static func hasCJKFont() -> Bool {
        guard FcInit() != 0 else { return false }
        guard let pattern = FcNameParse(":lang=zh-cn") else { return false }
        defer { FcPatternDestroy(pattern) }
        guard let objects = FcObjectSetCreate() else { return false }
        defer { FcObjectSetDestroy(objects) }
        _ = FcObjectSetAdd(objects, FC_FAMILY)
        guard let list = FcFontList(nil, pattern, objects) else { return false }
        defer { FcFontSetDestroy(list) }
        return list.pointee.nfont > 0
    }

    // MARK: - librsvg

    private final class Bytes { var bytes: [UInt8] = [] }

    private static func load(_ svg: String) throws(ExportError) -> OpaquePointer {
        var error: UnsafeMutablePointer<GError>? = nil
        let utf8 = Array(svg.utf8)
        let handle = utf8.withUnsafeBufferPointer { rsvg_handle_new_from_data($0.baseAddress, gsize($0.count), &error) }
        guard let handle else {
            let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let error { g_error_free(error) }
            throw .unencodable("librsvg cannot read the chart's SVG: \(message)")
        }
        return OpaquePointer(handle)
    }

    private static func size(_ handle: OpaquePointer) -> (Double, Double) {
        var w = 0.0, h = 0.0
        if rsvg_handle_get_intrinsic_size_in_pixels(UnsafeMutablePointer(handle), &w, &h) == 0 || w <= 0 || h <= 0 {
            return (720, 440)
        }
        return (w, h)
    }

    private static func draw(_ handle: OpaquePointer, on cr: OpaquePointer, width: Double, height: Double) throws(ExportError) {
        var viewport = RsvgRectangle(x: 0, y: 0, width: width, height: height)
        var error: UnsafeMutablePointer<GError>? = nil
        if rsvg_handle_render_document(UnsafeMutablePointer(handle), cr, &viewport, &error) == 0 {
            let message = error.map { String(cString: $0.pointee.message) } ?? "unknown error"
            if let error { g_error_free(error) }
            throw .unencodable("librsvg cannot draw the chart: \(message)")
        }
    }
}
