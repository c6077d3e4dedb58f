import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Shared by every end-to-end test: find the real `docket` binary, run it (alone or many at once),
// and give each test its own temporary folder. Reuse these rather than writing another runner.

/// Where the `docket` binary under test is: `$DOCKET_BIN`, else `.build/debug/docket` in the repository.
enum DocketBinary {
    /// The repository root, found from this file's place (Tests/DocketEndToEndTests/Support/).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var path: String {
        if let env = ProcessInfo.processInfo.environment["DOCKET_BIN"], !env.isEmpty { return env }
        return repositoryRoot.appendingPathComponent(".build/debug/docket").path
    }

    /// Whether the binary exists; tests fail with a hint when it does not.
    static var isBuilt: Bool { FileManager.default.isExecutableFile(atPath: path) }

    static let missingHint = "no docket binary at \(path): run 'swift build' first, or set DOCKET_BIN"
}

/// A folder of its own for one test, removed when the value goes away.
final class TemporaryFolder: @unchecked Sendable {
    let url: URL
    var path: String { url.path }

    init(_ prefix: String = "docket-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The path of `name` inside the folder.
    func file(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `text` to `name` and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = file(name)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    deinit {
        if ProcessInfo.processInfo.environment["DOCKET_KEEP_TMP"] == nil {
            try? FileManager.default.removeItem(at: url)
        }
    }
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

/// A small queue file for tests: `labels` become single-choice labels with keys 1, 2, 3...
func queueYAML(id: String, overlap: Int = 1, leaseSeconds: Int = 300, labels: [String] = ["bad", "fine"],
               priority: String? = nil, goldRate: Double = 0) -> String {
    var text = """
        id: \(id)
        title: Test queue \(id)
        guidelines: Label each item.
        overlap: \(overlap)
        lease_seconds: \(leaseSeconds)
        gold_rate: \(goldRate)
        labels:

        """
    for (index, label) in labels.enumerated() {
        text += "  - id: \(label)\n    key: \"\(index + 1)\"\n    description: \(label)\n"
    }
    if let priority { text += "priority:\n" + priority + "\n" }
    return text
}

/// One JSONL import record with `id` and `text` and a score per category (the usual test item).
func itemLine(_ id: String, text: String? = nil, score: Double = 0.5, extra: String = "") -> String {
    let body = text ?? "Item \(id): some content to review."
    let escaped = body.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    return "{\"id\":\"\(id)\",\"text\":\"\(escaped)\",\"scores\":[{\"model\":\"m\",\"category\":\"bad\",\"score\":\(score),\"threshold\":0.5}]\(extra)}"
}

/// Creates a database in `folder` with one queue, and imports `items` generated items into it.
/// Returns the database path.
@discardableResult
func makeDatabase(in folder: TemporaryFolder, queue: String, overlap: Int = 1, leaseSeconds: Int = 300,
                  items: Int, idPrefix: String = "item") throws -> String {
    let db = folder.file("\(queue).sqlite")
    let queueFile = try folder.write("\(queue).yml", queueYAML(id: queue, overlap: overlap, leaseSeconds: leaseSeconds))
    let add = try docket(["queues", "add", queueFile, "--db", db])
    guard add.status == 0 else { throw SetupFailure("queues add failed: \(add.transcript)") }
    if items > 0 {
        var lines = ""
        for index in 0..<items {
            lines += itemLine(String(format: "\(idPrefix)-%05d", index), score: Double(index % 100) / 100) + "\n"
        }
        let file = try folder.write("\(queue)-items.jsonl", lines)
        let imported = try docket(["import", file, "--queue", queue, "--db", db])
        guard imported.status == 0 else { throw SetupFailure("import failed: \(imported.transcript)") }
    }
    return db
}

/// A test's setup went wrong (not what the test checks).
struct SetupFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
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

/// A reviewer as a shell loop of real commands: `docket next --json`, then `docket decide` with `LABEL`,
/// until `next` exits 3 (nothing left). The id of every decision whose `decide` exited 0 is appended to
/// `$LOG` only after that exit, so the log is the list of confirmed decisions. A refused decision
/// (status 4, e.g. a lease lost while the machine was slow) is noted in `$ERR` and the loop goes on; any
/// other failure ends the loop with that status. Environment: DOCKET, DB, QUEUE, R, LABEL, ERR, LOG.
let reviewerLoopScript = """
    while true; do
      out=$("$DOCKET" next --db "$DB" --queue "$QUEUE" --reviewer "$R" --json 2>>"$ERR"); s=$?
      [ $s -eq 3 ] && exit 0
      [ $s -ne 0 ] && exit $s
      id=$(printf '%s' "$out" | sed -n 's/^{"id":"\\([^"]*\\)".*/\\1/p')
      [ -z "$id" ] && { echo "no id in: $out" >>"$ERR"; exit 90; }
      "$DOCKET" decide "$id" --db "$DB" --queue "$QUEUE" --reviewer "$R" --label "$LABEL" >/dev/null 2>>"$ERR"; s=$?
      if [ $s -eq 0 ]; then echo "$id" >>"$LOG"; elif [ $s -ne 4 ]; then exit $s; fi
    done
    """

/// Starts ``reviewerLoopScript`` as reviewer `reviewer`, logging to `log-REVIEWER` and `err-REVIEWER` in `folder`.
func startReviewerLoop(db: String, queue: String, reviewer: String, label: String = "bad",
                       in folder: TemporaryFolder) throws -> RunningProcess {
    try RunningProcess(executable: "/bin/sh", ["-c", reviewerLoopScript], environment: [
        "DOCKET": DocketBinary.path, "DB": db, "QUEUE": queue, "R": reviewer, "LABEL": label,
        "ERR": folder.file("err-\(reviewer)"), "LOG": folder.file("log-\(reviewer)"),
    ])
}

/// The lines of a file in `folder` (empty when it does not exist).
func lines(of name: String, in folder: TemporaryFolder) -> [String] {
    let text = (try? String(contentsOfFile: folder.file(name), encoding: .utf8)) ?? ""
    return text.split(separator: "\n").map(String.init)
}

/// Runs a program that may leave a daemon behind (tmux starts its server on first use) to the end, with
/// posix_spawn and waitpid. Foundation's `Process` notices an exit only when every copy of an internal
/// socket is closed, and a daemon keeps its copy open forever, so `waitUntilExit` would never return.
func spawnAndWait(_ executable: String, _ arguments: [String]) -> ProcessResult {
    let scratch = FileManager.default.temporaryDirectory
    let tag = UUID().uuidString
    let outPath = scratch.appendingPathComponent("spawn-out-\(tag)").path
    let errPath = scratch.appendingPathComponent("spawn-err-\(tag)").path
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
    let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    let started = Date()
    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
    guard spawned == 0 else {
        return ProcessResult(status: 127, stdout: "", stderr: "posix_spawn \(executable): \(String(cString: strerror(spawned)))", seconds: 0)
    }
    var raw: Int32 = 0
    while waitpid(pid, &raw, 0) < 0 && errno == EINTR {}
    // The wait status: exit code in bits 8-15 for a normal exit, the signal in bits 0-6 otherwise.
    let status = (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F)
    let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return ProcessResult(status: status, stdout: out, stderr: err, seconds: Date().timeIntervalSince(started))
}
