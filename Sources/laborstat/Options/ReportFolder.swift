import Foundation
import LaborStat

/// A report's folder, written as a whole: built as `DIR.tmp`, renamed to `DIR` when complete, so
/// a reader never sees half a report. An existing `DIR` is replaced only when it is an earlier
/// LaborStat report (it holds the marker file) or empty: nothing else is ever removed.
enum ReportFolder {
    static let marker = ".laborstat-report"

    static func build(at path: String, _ body: (String) throws -> Void) throws {
        let fm = FileManager.default
        let dir = path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
        let tmp = dir + ".tmp", old = dir + ".old"
        for leftover in [tmp, old] where exists(leftover) {
            // An interrupted earlier run leaves its marked folder behind; anything else is the user's.
            guard isReport(leftover) else {
                throw ExportError.cannotCreate(path: leftover, reason: "exists and is not a LaborStat report folder; move it away")
            }
            try remove(leftover)
        }
        if exists(dir) {
            guard isDirectory(dir), isReport(dir) || ((try? fm.contentsOfDirectory(atPath: dir))?.isEmpty ?? false) else {
                throw ExportError.cannotCreate(path: dir, reason: "exists and is not a LaborStat report folder (nothing is replaced but an earlier report); choose another -o")
            }
        }
        do {
            for sub in ["", "/tables", "/charts"] { try fm.createDirectory(atPath: tmp + sub, withIntermediateDirectories: false) }
            try OutputFile.write(to: tmp + "/" + marker, bytes: Array("LaborStat report folder: replaced as a whole by `laborstat report`.\n".utf8))
        } catch let error as any LaborStatError {
            try? fm.removeItem(atPath: tmp)
            throw error
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw ExportError.cannotCreate(path: tmp, reason: "\(error.localizedDescription)")
        }
        do {
            try body(tmp)
        } catch {
            try? fm.removeItem(atPath: tmp)
            throw error
        }
        do {
            if exists(dir) {
                try fm.moveItem(atPath: dir, toPath: old)
                try fm.moveItem(atPath: tmp, toPath: dir)
                try remove(old)
            } else {
                try fm.moveItem(atPath: tmp, toPath: dir)
            }
        } catch {
            throw ExportError.cannotCreate(path: dir, reason: "cannot rename \(tmp) to it: \(error.localizedDescription)")
        }
    }

    private static func exists(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) || (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    private static func isReport(_ path: String) -> Bool {
        isDirectory(path) && FileManager.default.fileExists(atPath: path + "/" + marker)
    }

    private static func remove(_ path: String) throws {
        do { try FileManager.default.removeItem(atPath: path) } catch {
            throw ExportError.cannotCreate(path: path, reason: "cannot remove the earlier report: \(error.localizedDescription)")
        }
    }
}
