#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Signals and output files: an interrupted write (SIGINT from Ctrl-C, SIGTERM from `kill`/`timeout`,
/// SIGHUP from a closed terminal) removes its temporary file, then the process dies of the signal
/// as it would have without us (so the shell still sees 130, 143, 129). A signal the parent set to be
/// ignored (`nohup`) stays ignored.
///
/// The handler may only call async-signal-safe functions, so the temporary paths live in a fixed
/// table of C strings that the handler walks with `unlink`.
enum Interrupts {
    static let capacity = 32
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Temporary files being written, as C strings (nil: free slot).
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()

    nonisolated(unsafe) static let lock: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    nonisolated(unsafe) static var handlersInstalled = false

    static func ignoreSIGPIPE() {
        // Without this, writing to a closed pipe kills the process with SIGPIPE (exit 141) before
        // any error can be handled; with it, write returns EPIPE and output ends quietly.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Creates `path` (exclusively, mode 0666 less the umask) and registers it for removal on a
    /// signal; returns the descriptor, or -1 with `errno` set.
    static func createRemovingOnSignal(_ path: String) -> Int32 {
        withTableLocked {
            installHandlers()
            // Registered before it exists: a signal can arrive on another thread at any moment, and
            // unlinking a name not yet created is harmless.
            var slot: Int?
            for i in 0..<capacity where slots[i] == nil {
                slots[i] = strdup(path)
                slot = i
                break
            }
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd < 0, let slot {
                let e = errno
                let p = slots[slot]
                slots[slot] = nil
                free(p)
                errno = e
            }
            return fd
        }
    }

    /// Takes `path` off the table (after its rename, or removing it when `unlinking`).
    static func forget(_ path: String, unlinking: Bool) {
        withTableLocked {
            if unlinking { unlink(path) }
            for i in 0..<capacity {
                if let p = slots[i], String(cString: p) == path {
                    slots[i] = nil
                    free(p)
                }
            }
        }
    }

    /// Paths currently registered (for tests).
    static var pending: [String] {
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return (0..<capacity).compactMap { slots[$0].map { String(cString: $0) } }
    }

    /// Runs `body` holding the table's lock with the handled signals blocked on this thread, so a
    /// handler never runs here while the table is half-changed.
    private static func withTableLocked<T>(_ body: () -> T) -> T {
        var blocked = sigset_t(), previous = sigset_t()
        sigemptyset(&blocked)
        for s in signals { sigaddset(&blocked, s) }
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        pthread_mutex_lock(lock)
        defer { pthread_mutex_unlock(lock) }
        return body()
    }

    private static func installHandlers() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        _ = slots   // initialised here, never first inside the handler
        for s in signals {
            var old = sigaction()
            sigaction(s, nil, &old)
            if isIgnored(old) { continue }
            var action = sigaction()
            setHandler(&action)
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(s, &action, nil)
        }
    }

    private static func isIgnored(_ a: sigaction) -> Bool {
        #if canImport(Glibc)
        return unsafeBitCast(a.__sigaction_handler.sa_handler, to: Int.self) == 1   // SIG_IGN
        #else
        return unsafeBitCast(a.__sigaction_u.__sa_handler, to: Int.self) == 1
        #endif
    }

    private static func setHandler(_ a: inout sigaction) {
        #if canImport(Glibc)
        a.__sigaction_handler.sa_handler = removeTemporaryFilesAndDie
        #else
        a.__sigaction_u.__sa_handler = removeTemporaryFilesAndDie
        #endif
    }
}

/// The signal handler: async-signal-safe calls only (unlink, signal, raise).
private func removeTemporaryFilesAndDie(_ signo: Int32) {
    let slots = Interrupts.slots
    for i in 0..<Interrupts.capacity {
        if let p = slots[i] { unlink(p) }
    }
    signal(signo, SIG_DFL)
    raise(signo)
}
