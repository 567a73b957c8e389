import Foundation
import Testing
import _LaborStatTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Helpers for the reliability catalogue (issue 14): private scratch folders, device nodes made
/// with mknod inside them (never the real /dev), FIFOs, and runs whose standard output is whatever
/// the case needs (a closed pipe, /dev/full, a file).
enum Catalogue {
    /// A fresh folder of this test's own.
    static func scratch(_ tag: String) throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(tag)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    /// A character device made in `dir` with mknod (1,3 is the null device, 1,7 the full one).
    static func device(_ name: String, major: Int, minor: Int, in dir: URL) throws -> URL {
        let u = dir.appendingPathComponent(name)
        let r = try tool("/usr/bin/mknod", [u.path, "c", "\(major)", "\(minor)"])
        try #require(r == 0, "mknod failed (the tests run as root)")
        return u
    }

    static func fifo(_ name: String, in dir: URL) throws -> URL {
        let u = dir.appendingPathComponent(name)
        try #require(mkfifo(u.path, 0o644) == 0)
        return u
    }

    static func fileType(_ url: URL) -> mode_t? {
        var s = stat()
        return lstat(url.path, &s) == 0 ? s.st_mode & S_IFMT : nil
    }

    static func listing(_ dir: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
    }

    @discardableResult
    static func tool(_ path: String, _ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    struct Outcome {
        /// Exit status, or nil when the process died of a signal.
        var status: Int32?
        var signal: Int32?
        var stdout: String
        var stderr: String
    }

    enum Stdout {
        case pipe                 // captured
        case closedPipe           // a pipe whose reader has already gone
        case file(URL)            // redirected to this file or device
    }

    /// Runs laborstat with standard output as asked; standard error captured.
    static func run(_ args: [String], stdout: Stdout = .pipe, stdin: Data? = nil, stdinFile: URL? = nil) throws -> Outcome {
        let p = Process()
        p.executableURL = laborstatExecutable()
        p.arguments = args
        let err = Pipe(), inp = Pipe()
        p.standardError = err
        if let stdinFile { p.standardInput = try FileHandle(forReadingFrom: stdinFile) } else { p.standardInput = inp }
        var captured: Pipe?
        var closeAfter: FileHandle?
        switch stdout {
        case .pipe:
            captured = Pipe()
            p.standardOutput = captured
        case .closedPipe:
            var fds: [Int32] = [0, 0]
            try #require(pipe(&fds) == 0)
            close(fds[0])   // no reader at all: the first write gets EPIPE
            let h = FileHandle(fileDescriptor: fds[1], closeOnDealloc: false)
            p.standardOutput = h
            closeAfter = h
        case .file(let u):
            let h = try FileHandle(forWritingTo: u)
            p.standardOutput = h
            closeAfter = h
        }
        try p.run()
        try? closeAfter?.close()
        if stdinFile == nil {
            if let stdin { inp.fileHandleForWriting.write(stdin) }
            try inp.fileHandleForWriting.close()
        }
        let o = captured?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let bySignal = p.terminationReason == .uncaughtSignal
        return Outcome(status: bySignal ? nil : p.terminationStatus, signal: bySignal ? p.terminationStatus : nil,
                       stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
