import Foundation

/// Relative closeness: |a − b| ≤ tol · max(|a|, |b|), or |a − b| ≤ tol when both are tiny.
public func isClose(_ a: Double, _ b: Double, rel tol: Double = 1e-9) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    if a == b { return true }
    let scale = max(abs(a), abs(b))
    return abs(a - b) <= tol * max(scale, 1e-300) || (scale < tol && abs(a - b) <= tol)
}

/// Log relative error (McCullough): −log10(|x − c| / |c|), the number of correct digits; 15 when exact.
public func logRelativeError(_ x: Double, certified c: Double) -> Double {
    if x == c { return 15 }
    if c == 0 { return -log10(abs(x)) }
    return min(15, -log10(abs(x - c) / abs(c)))
}

/// The path of the repository's top folder (from this source file's location).
public func repositoryRoot(file: String = #filePath) -> URL {
    var url = URL(fileURLWithPath: file)
    while url.path != "/" {
        url.deleteLastPathComponent()
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
    }
    return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
}

/// The `laborstat` executable built next to the tests.
public func laborstatExecutable() -> URL {
    let root = repositoryRoot()
    for config in ["debug", "release"] {
        let u = root.appendingPathComponent(".build/\(config)/laborstat")
        if FileManager.default.isExecutableFile(atPath: u.path) { return u }
    }
    return root.appendingPathComponent(".build/debug/laborstat")
}

/// Result of running the CLI.
public struct RunResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `laborstat` with arguments (and optional standard input), capturing its output.
public func runLaborstat(_ args: [String], stdin: Data? = nil, cwd: URL? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = laborstatExecutable()
    p.arguments = args
    if let cwd { p.currentDirectoryURL = cwd }
    let out = Pipe(), err = Pipe(), inp = Pipe()
    p.standardOutput = out
    p.standardError = err
    p.standardInput = inp
    try p.run()
    if let stdin { inp.fileHandleForWriting.write(stdin) }
    try inp.fileHandleForWriting.close()
    let o = out.fileHandleForReading.readDataToEndOfFile()
    let e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
}
