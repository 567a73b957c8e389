import ArgumentParser
import LaborStat

#if canImport(Glibc)
import Glibc
#endif

/// A file a command reads or writes, with the flag that named it (for messages).
struct FileRole {
    enum Direction { case input, output }
    var direction: Direction
    var flag: String
    /// `-` is standard input for an input, standard output for an output.
    var path: String
}

/// Option groups and commands list the files they read and write. Every option that names a file
/// must be listed here, so that `FileClash.check` (run once for every command, before `run()`) can
/// refuse an output that would overwrite an input or another output of the same run.
protocol DeclaresFiles {
    var files: [FileRole] { get }
}

extension InputOptions: DeclaresFiles {
    var files: [FileRole] { [FileRole(direction: .input, flag: "FILE", path: file)] }
}

extension OutputOptions: DeclaresFiles {
    /// The table goes to `-o`, or standard output.
    var files: [FileRole] { [FileRole(direction: .output, flag: "-o", path: output ?? "-")] }
}

extension SVGOutputOptions: DeclaresFiles {
    var files: [FileRole] { path.map { [FileRole(direction: .output, flag: "--svg", path: $0)] } ?? [] }
}

extension Chart: DeclaresFiles {
    var files: [FileRole] { [FileRole(direction: .output, flag: "-o", path: output)] }
}

extension Compare: DeclaresFiles {
    var files: [FileRole] {
        var f: [FileRole] = []
        if let map { f.append(FileRole(direction: .output, flag: "--map", path: map)) }
        if let denominator { f.append(FileRole(direction: .input, flag: "--denominator", path: denominator)) }
        if let hierarchy { f.append(FileRole(direction: .input, flag: "--hierarchy", path: hierarchy)) }
        return f
    }
}

/// Refuses (exit 64) a run in which an output resolves to an input, or two outputs to one file:
/// `aggregate X.csv … -o X.csv` would destroy the raw data, `-o out.csv --svg out.csv` would
/// replace the table with the chart. Two names are one file when they have the same device and
/// inode, or the same real path (for files that do not exist yet). `-` is standard input or output,
/// compared by what the descriptor is. Character devices (`/dev/null`, a terminal) are exempt: writing
/// to them twice loses nothing.
enum FileClash {
    /// Collects the roles of `command` and of its option groups (found by reflection, so a new group
    /// that declares its files is checked without touching this code), then checks them.
    static func check(_ command: Any) throws {
        try check(roles(of: command))
    }

    static func roles(of value: Any, depth: Int = 0) -> [FileRole] {
        var found: [FileRole] = []
        if let d = value as? DeclaresFiles { found += d.files }
        guard depth < 4 else { return found }
        for child in Mirror(reflecting: value).children {
            // Option groups are stored as `_name: OptionGroup<T>`, whose parsed value sits a level
            // or two below; plain values (strings, numbers) have nothing to find.
            if child.value is String || child.value is Int || child.value is Double || child.value is Bool { continue }
            found += roles(of: child.value, depth: depth + 1)
        }
        return found
    }

    struct Identity {
        var device: UInt64?
        var inode: UInt64?
        var type: mode_t?
        var realPath: String?
        var isStandardStream: Bool
    }

    static func identity(_ role: FileRole) -> Identity {
        var info = stat()
        if role.path == "-" {
            let fd: Int32 = role.direction == .input ? 0 : 1
            if fstat(fd, &info) == 0 {
                return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), type: info.st_mode & S_IFMT,
                                realPath: nil, isStandardStream: true)
            }
            return Identity(isStandardStream: true)
        }
        var id = Identity(isStandardStream: false)
        if stat(role.path, &info) == 0 {
            id.device = UInt64(info.st_dev)
            id.inode = UInt64(info.st_ino)
            id.type = info.st_mode & S_IFMT
        }
        id.realPath = realPath(role.path)
        return id
    }

    /// The canonical path, also for a name that does not exist yet (its folder resolved).
    static func realPath(_ path: String) -> String? {
        if let r = realpath(path, nil) { defer { free(r) }; return String(cString: r) }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        guard let r = realpath(dir, nil) else { return nil }
        defer { free(r) }
        let d = String(cString: r)
        return (d.hasSuffix("/") ? d : d + "/") + name
    }

    static func sameFile(_ a: Identity, _ b: Identity) -> Bool {
        if a.type == S_IFCHR || b.type == S_IFCHR || a.type == S_IFBLK || b.type == S_IFBLK { return false }
        if let da = a.device, let db = b.device, let ia = a.inode, let ib = b.inode {
            return da == db && ia == ib
        }
        if let ra = a.realPath, let rb = b.realPath { return ra == rb }
        // Two outputs to standard output whose kind fstat could not tell.
        return a.isStandardStream && b.isStandardStream
    }

    static func check(_ roles: [FileRole]) throws {
        let ids = roles.map(identity)
        for i in roles.indices where roles[i].direction == .output {
            for j in roles.indices where j != i && (roles[j].direction == .input || j < i) {
                guard sameFile(ids[i], ids[j]) else { continue }
                let out = describe(roles[i]), other = describe(roles[j])
                if roles[j].direction == .input {
                    throw ValidationError("\(out) is the input file \(other): writing it would destroy the data; write the output to another file")
                }
                throw ValidationError("\(out) and \(other) are the same file: one output would replace the other; give each output its own file")
            }
        }
    }

    static func describe(_ r: FileRole) -> String {
        if r.path == "-" { return r.direction == .input ? "standard input" : (r.flag == "-o" ? "the table" : r.flag + " -") + " (standard output)" }
        return r.flag == "FILE" ? r.path : "\(r.flag) \(r.path)"
    }
}
