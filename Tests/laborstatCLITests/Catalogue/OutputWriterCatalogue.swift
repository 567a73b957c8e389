import Foundation
import Testing
import _LaborStatTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// Issue 14, class 2: one writer for every output. Regular files are replaced atomically; devices,
/// FIFOs, pipes and /proc/self/fd links are written in place and never replaced; a closed pipe is a
/// quiet exit 0; a full device is exit 74 with a message; an interrupt removes the temporary file.
/// Devices are made with mknod in the test's own folder (1,3 null, 1,7 full), never the real /dev.
@Suite("catalogue: output writer (devices, pipes, full disk, signals)")
struct OutputWriterCatalogue {
    static let data = "g,v\na,1\nb,2\nc,5\n"

    /// The commands under test, each with its output flag last (the path is appended).
    static let writers: [[String]] = [
        ["chart", "bar", "$D/data.csv", "--x", "g", "--y", "v", "-o"],
        ["describe", "$D/data.csv", "--columns", "v", "-o", "$D/t.csv", "--svg"],
        ["aggregate", "$D/data.csv", "--by", "g", "--sum", "v", "-o"],
    ]

    struct DeviceCase: CustomTestStringConvertible, Sendable {
        var name: String
        var minor: Int
        var status: Int32
        var testDescription: String { name }
    }

    static let devices: [DeviceCase] = [
        DeviceCase(name: "a null device stays a device", minor: 3, status: 0),
        DeviceCase(name: "a full device is exit 74, still a device", minor: 7, status: 74),
    ]

    func prepare(_ tag: String) throws -> URL {
        let dir = try Catalogue.scratch(tag)
        try Catalogue.write(Self.data, to: dir.appendingPathComponent("data.csv"))
        return dir
    }

    func args(_ a: [String], _ dir: URL, _ out: String) -> [String] {
        a.map { $0.replacingOccurrences(of: "$D", with: dir.path) } + [out]
    }

    @Test("device targets are written in place", arguments: devices, writers)
    func deviceTarget(_ c: DeviceCase, _ command: [String]) throws {
        let dir = try prepare("dev")
        defer { try? FileManager.default.removeItem(at: dir) }
        let dev = try Catalogue.device("node", major: 1, minor: c.minor, in: dir)
        let r = try Catalogue.run(args(command, dir, dev.path))
        #expect(r.status == c.status, "\(command[0]): \(r.stderr)")
        #expect(Catalogue.fileType(dev) == S_IFCHR, "\(command[0]) replaced the device")
        if c.status == 74 { #expect(r.stderr.contains("no space left"), "\(r.stderr)") }
        #expect(!(try Catalogue.listing(dir).contains { $0.contains(".tmp-") }))
    }

    @Test("standard output on a full device is exit 74, not a trap", arguments: writers)
    func stdoutFull(_ command: [String]) throws {
        let dir = try prepare("stdoutfull")
        defer { try? FileManager.default.removeItem(at: dir) }
        let dev = try Catalogue.device("full", major: 1, minor: 7, in: dir)
        let r = try Catalogue.run(args(command, dir, "-"), stdout: .file(dev))
        #expect(r.status == 74, "\(command[0]): signal \(r.signal.map(String.init) ?? "none"): \(r.stderr)")
        #expect(r.stderr.contains("no space left"))
    }

    @Test("a closed pipe on standard output ends quietly with exit 0", arguments: writers)
    func closedPipe(_ command: [String]) throws {
        let dir = try prepare("epipe")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Catalogue.run(args(command, dir, "-"), stdout: .closedPipe)
        #expect(r.signal == nil && r.status == 0, "\(command[0]): status \(String(describing: r.status)) signal \(String(describing: r.signal)): \(r.stderr)")
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test("a FIFO is written in place: its reader gets every byte, it stays a FIFO", arguments: writers)
    func fifoTarget(_ command: [String]) throws {
        let dir = try prepare("fifo")
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = try Catalogue.fifo("pipe", in: dir)
        let copy = dir.appendingPathComponent("copy")
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat \"$0\" > \"$1\"", fifo.path, copy.path]
        try reader.run()
        let r = try Catalogue.run(args(command, dir, fifo.path))
        // A writer that never opened the FIFO leaves cat waiting to open it: open and close the
        // writing end ourselves so cat sees end of file, and the test fails instead of hanging.
        for _ in 0..<500 where reader.isRunning {
            let fd = open(fifo.path, O_WRONLY | O_NONBLOCK)
            if fd >= 0 { close(fd) }
            usleep(10_000)
        }
        reader.waitUntilExit()
        #expect(r.status == 0, "\(command[0]): \(r.stderr)")
        #expect(Catalogue.fileType(fifo) == S_IFIFO)
        let got = try String(contentsOf: copy, encoding: .utf8)
        #expect(got.contains("<svg") || got.contains("sum"), "\(command[0]) wrote \(got.prefix(80))")
    }

    @Test("a /proc/self/fd/1 link is written in place", arguments: writers)
    func procSelfFd(_ command: [String]) throws {
        let dir = try prepare("procfd")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Catalogue.run(args(command, dir, "/proc/self/fd/1"))
        #expect(r.status == 0, "\(command[0]): \(r.stderr)")
        #expect(r.stdout.contains("<svg") || r.stdout.contains("sum"))
    }

    @Test("a regular file is replaced atomically and keeps its permissions", arguments: writers)
    func regularFile(_ command: [String]) throws {
        let dir = try prepare("regular")
        defer { try? FileManager.default.removeItem(at: dir) }
        // A file named as its writer reads names: a chart .svg, a table .csv.
        let out = dir.appendingPathComponent(command[0] == "aggregate" ? "out.csv" : "out.svg")
        try Catalogue.write("old", to: out)
        chmod(out.path, 0o600)
        let r = try Catalogue.run(args(command, dir, out.path))
        #expect(r.status == 0, "\(command[0]): \(r.stderr)")
        var s = stat()
        #expect(stat(out.path, &s) == 0 && s.st_mode & 0o777 == 0o600)
        #expect(try String(contentsOf: out, encoding: .utf8) != "old")
        #expect(!(try Catalogue.listing(dir).contains { $0.contains(".tmp-") }))
    }

    /// An interrupt while a large table is being written removes the temporary file, keeps the old
    /// file, and the process dies of the signal. The table (generated here, 400,000 rows) takes the
    /// debug build a while to render, so the temporary file is there to be seen before the signal.
    @Test("SIGINT, SIGTERM, SIGHUP during a write remove the temporary file", arguments: [SIGINT, SIGTERM, SIGHUP])
    func interrupted(_ signo: Int32) throws {
        let dir = try Catalogue.scratch("signal")
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.csv")
        var text = "id,name,value\n"
        text.reserveCapacity(12_000_000)
        for i in 0..<400_000 { text += "\(i),name\(i % 97),\(i % 1000).25\n" }
        try Catalogue.write(text, to: big)
        let out = dir.appendingPathComponent("out.json")
        try Catalogue.write("old", to: out)
        // posix_spawn with an empty signal mask: Foundation's Process starts children with most
        // signals blocked, which would hold the signal until the process had exited normally.
        let pid = try Self.spawn(laborstatExecutable().path, ["convert", big.path, "-o", out.path, "--format", "json"])
        let temp = dir.appendingPathComponent(".out.json.tmp-\(pid)").path
        var seen = false
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if FileManager.default.fileExists(atPath: temp) {
                seen = true
                kill(pid, signo)
                _ = waitpid(pid, &status, 0)
                break
            }
            usleep(200)
        }
        try #require(seen, "the write finished before the temporary file was seen; make the table bigger")
        #expect(status & 0x7f == signo, "did not die of the signal: wait status \(status)")
        #expect(!FileManager.default.fileExists(atPath: temp), "the temporary file was left behind")
        #expect(try String(contentsOf: out, encoding: .utf8) == "old")
    }

    /// Starts `path` with `args`, output to /dev/null, every signal unblocked and at its default.
    static func spawn(_ path: String, _ args: [String]) throws -> pid_t {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attr, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attr, argv, environ)
        try #require(rc == 0, "posix_spawn: \(rc)")
        return pid
    }
}
