import Foundation

/// Runs a program to its end with posix_spawn and waitpid, its output in files. For programs that leave a
/// daemon behind (pg_ctl starts a server, tmux its own): Foundation's `Process` notices an exit only when
/// every copy of an internal socket is closed, and a daemon keeps its copy open forever.
public enum SpawnedProgram {
    /// What the program printed and how it ended: the exit code, or 128 + the signal that ended it.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var seconds: Double
    }

    /// Runs `executable` with `arguments` (standard input from /dev/null) and waits for it; `environment`'s
    /// entries are added to (or replace) this process's own.
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString)").path
        let outPath = scratch + ".out", errPath = scratch + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: outPath)
            try? FileManager.default.removeItem(atPath: errPath)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        // A clean signal state: the test runner's threads block signals (SIGTERM among them), and a daemon started
        // from here would keep that mask for life and ignore the SIGTERM that stops it (PgBouncer does).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { $1 }
        let envp: [UnsafeMutablePointer<CChar>?] = merged.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        let started = Date()
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            return Result(status: 127, stdout: "", stderr: "posix_spawn \(executable): \(String(cString: strerror(spawned)))", seconds: 0)
        }
        var raw: Int32 = 0
        while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
        // The wait status: exit code in bits 8-15 for a normal exit, the signal in bits 0-6 otherwise.
        let status = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: status, stdout: out, stderr: err, seconds: Date().timeIntervalSince(started))
    }
}
