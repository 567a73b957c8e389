// load-bench FILE [--columns a,b,c] [--repeat N] [--memory]
//
// Loads FILE with LaborStat's reader (the same `TableReader.read` every command uses) and prints
// one line per repetition: wall seconds, rows, columns, MB/s. One process per measurement is what
// `scripts/bench-load` times (with GNU time, for peak memory); `--repeat` gives in-process figures.
import Foundation
import LaborStat

var args = Array(CommandLine.arguments.dropFirst())
guard let path = args.first else {
    FileHandle.standardError.write("usage: load-bench FILE [--columns a,b,c] [--repeat N]\n".data(using: .utf8)!)
    exit(64)
}
args.removeFirst()
var options = ReadOptions()
var repeats = 1
var showMemory = false
while let a = args.first {
    args.removeFirst()
    switch a {
    case "--columns": options.columns = args.removeFirst().split(separator: ",").map(String.init)
    case "--repeat": repeats = Int(args.removeFirst()) ?? 1
    case "--memory": showMemory = true
    default: FileHandle.standardError.write("unknown option \(a)\n".data(using: .utf8)!); exit(64)
    }
}
let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
for _ in 0..<repeats {
    let clock = ContinuousClock()
    let start = clock.now
    do {
        let table = try TableReader.read(path: path, options: options)
        let d = clock.now - start
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        print(String(format: "%.3f s  %d rows  %d columns  %.0f MB/s", s, table.rowCount, table.columns.count,
                     Double(size) / 1e6 / s))
    } catch {
        FileHandle.standardError.write("load-bench: \(error)\n".data(using: .utf8)!)
        exit(65)
    }
}

if showMemory, let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
    // Peak and current resident memory, split into anonymous (columns) and file-backed (mapped input).
    for line in status.split(separator: "\n") where ["VmHWM", "VmRSS", "RssAnon", "RssFile"].contains(where: { line.hasPrefix($0) }) {
        print(line)
    }
}
