import Foundation
import PostgresTestSupport
#if canImport(Glibc)
import Glibc
#endif

// Shared by every end-to-end test: find the real `docket` binary and run it, alone or many at once.
// Beside it: TemporaryFolder, TestDatabase (queues and items), ReviewerLoop (a reviewer as a shell loop),
// ReviewTerminal (the review screen in tmux), DatabaseFacts (reading the file afterwards). Reuse these rather than
// writing another runner.

/// Where the `docket` binary under test is: `$DOCKET_BIN`, else the one built beside the test bundle, else
/// `.build/debug/docket` in the repository.
enum DocketBinary {
    /// The repository root, found from this file's place (Tests/DocketEndToEndTests/Support/).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        if let env = ProcessInfo.processInfo.environment["DOCKET_BIN"], !env.isEmpty { return env }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for dir in [bundle.deletingLastPathComponent(), bundle.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("docket").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return repositoryRoot.appendingPathComponent(".build/debug/docket").path
    }

    /// Whether the binary exists; tests fail with a hint when it does not.
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static let missingHint = "no docket binary at \(path): run 'swift build' first, or set DOCKET_BIN"
}

/// What a finished process left: its exit status and everything it printed.
struct ProcessResult: Sendable {
    /// The exit status, or 128 + the signal number when a signal ended it (as a shell reports it).
    var status: Int32
    var stdout: String
    var stderr: String
    /// Wall-clock seconds from launch to exit.
    var seconds: Double

    /// Both streams, for failure messages.
    var transcript: String { "status \(status)\n--- stdout\n\(stdout)\n--- stderr\n\(stderr)" }
}

/// A `docket` (or any) process started in the background; its output goes to files, so that many can run
/// at once without filling a pipe and blocking.
final class RunningProcess: @unchecked Sendable {
    let process = Process()
    private let outURL: URL
    private let errURL: URL
    private var inURL: URL?
    private let started = Date()

    /// Starts `executable` with `arguments`; `environment` entries are added to the current environment.
    init(executable: String = DocketBinary.path, _ arguments: [String], environment: [String: String] = [:],
         stdin: String? = nil) throws {
        let scratch = FileManager.default.temporaryDirectory
        let tag = UUID().uuidString
        outURL = scratch.appendingPathComponent("docket-out-\(tag)")
        errURL = scratch.appendingPathComponent("docket-err-\(tag)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["CI"] = "1"  // no progress bar
        for (key, value) in environment { env[key] = value }
        process.environment = env
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        if let stdin {
            let input = scratch.appendingPathComponent("docket-in-\(tag)")
            try Data(stdin.utf8).write(to: input)
            inURL = input
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Sends `signal` (SIGKILL by default: the crash tests' "pull the plug").
    func kill(_ signal: Int32 = SIGKILL) {
        _ = Glibc.kill(process.processIdentifier, signal)
    }

    /// Waits for the process to end and collects what it printed.
    func wait() -> ProcessResult {
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(started)
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self)
        let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
        if let inURL { try? FileManager.default.removeItem(at: inURL) }
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return ProcessResult(status: status, stdout: out, stderr: err, seconds: seconds)
    }
}

/// Runs `docket` with `arguments` to the end.
@discardableResult
func docket(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> ProcessResult {
    try RunningProcess(arguments, environment: environment, stdin: stdin).wait()
}

/// Runs a shell script (`/bin/sh -c`) to the end: for loops of `docket` calls that must run as separate processes.
@discardableResult
func shell(_ script: String, environment: [String: String] = [:]) throws -> ProcessResult {
    try RunningProcess(executable: "/bin/sh", ["-c", script], environment: environment).wait()
}

/// Whether a process's output shows SQLite contention reaching the user (what must never happen).
func showsBusyError(_ text: String) -> Bool {
    text.contains("SQLITE_BUSY") || text.contains("database is locked") || text.contains("SQLITE_LOCKED")
}

/// Sleeps for a number of seconds (a fraction allowed) without blocking other tests' threads needlessly.
func pause(_ seconds: Double) {
    usleep(useconds_t(seconds * 1_000_000))
}


extension RunningProcess {
    /// Kills the process and every process it started (a shell loop and the `docket` it runs), with
    /// SIGKILL: stops the parent first so that it cannot start another child in between.
    func killTree() {
        let parent = process.processIdentifier
        _ = Glibc.kill(parent, SIGSTOP)
        for child in Self.children(of: parent) {
            _ = Glibc.kill(child, SIGKILL)
        }
        _ = Glibc.kill(parent, SIGKILL)
    }

    /// The ids of `pid`'s descendants, read from /proc.
    static func children(of pid: Int32) -> [Int32] {
        var parents: [Int32: Int32] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let child = Int32(name),
                  let stat = try? String(contentsOfFile: "/proc/\(name)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { continue }
            // After "pid (name) state ppid": the command name may hold spaces, so split after ')'.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, let parent = Int32(fields[1]) { parents[child] = parent }
        }
        var result: [Int32] = []
        var frontier = [pid]
        while let next = frontier.popLast() {
            let direct = parents.filter { $0.value == next }.map(\.key)
            result += direct
            frontier += direct
        }
        return result
    }
}

/// Runs a program that may leave a daemon behind (tmux starts its server on first use) to the end
/// (``SpawnedProgram``: posix_spawn and waitpid, output in files).
func spawnAndWait(_ executable: String, _ arguments: [String]) -> ProcessResult {
    let result = SpawnedProgram.run(executable, arguments)
    return ProcessResult(status: result.status, stdout: result.stdout, stderr: result.stderr, seconds: result.seconds)
}
