import DocketStore
import Foundation
import Testing

/// `docket adjudicate` end to end: the real binary, set up with the real CLI, the screen driven in tmux.
@Suite struct AdjudicateEndToEndTests {
    static let queueFile = """
        id: adj
        title: Adjudication test
        overlap: 2
        labels:
          - {id: hate, key: "1"}
          - {id: offensive, key: "2"}
          - {id: normal, key: "3"}
        """

    /// ann and bob disagree on p1 (bob's note tries to set the window title); they agree on p2.
    static let items = [
        #"{"id":"p1","text":"you people should all go back","scores":[{"model":"clf","category":"hate","score":0.71,"threshold":0.5}],"#
            + #""decisions":[{"reviewer":"ann","label":"hate","note":"dog whistle aimed at migrants"},"#
            + #"{"reviewer":"bob","label":"normal","note":"quoting it to condemn it \u001b]2;pwned\u0007"}]}"#,
        #"{"id":"p2","text":"nice weather today","decisions":[{"reviewer":"ann","label":"normal"},{"reviewer":"bob","label":"normal"}]}"#,
    ]

    /// A database with the queue, the items and three users: admin, lee (lead) and ann (reviewer).
    static func setUp(_ folder: Folder) throws -> String {
        let db = folder.path("db.sqlite")
        try FileManager.default.createDirectory(atPath: folder.path("queues"), withIntermediateDirectories: true)
        try folder.write("queues/adj.yml", queueFile)
        try folder.write("items.jsonl", items.joined(separator: "\n") + "\n")
        // Run as the operating-system user, made an admin first: DOCKET_USER (lee, ann below) is honoured in a
        // database with roles only for an admin's session.
        let admin: [String: String] = [:]
        for arguments in [["init", "--db", db, "--queues", folder.path("queues")],
                          ["import", folder.path("items.jsonl"), "--queue", "adj", "--db", db],
                          ["reviewers", "add", OperatingSystemUser.name, "--role", "admin", "--db", db],
                          ["reviewers", "add", "admin", "--role", "admin", "--db", db],
                          ["reviewers", "add", "lee", "--role", "lead", "--db", db],
                          ["reviewers", "add", "ann", "--db", db]] {
            let result = try run(arguments, environment: admin)
            try #require(result.status == 0, Comment(rawValue: "\(arguments.joined(separator: " ")): \(result.stderr)"))
        }
        return db
    }

    @Test func aReviewerIsRefusedBeforeTheScreenOpens() throws {
        let folder = try Folder()
        let db = try Self.setUp(folder)
        let refused = try Self.run(["adjudicate", "--queue", "adj", "--db", db], environment: ["DOCKET_USER": "ann"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("'ann' is a reviewer; adjudicate needs the lead role"))
        #expect(refused.stdout.isEmpty)
        #expect(try SQLiteReviewStore(path: db).adjudications(queue: "adj").isEmpty)
        // The lead may list the disputes for a script; p2, where ann and bob agree, is not among them.
        let listed = try Self.run(["adjudicate", "--queue", "adj", "--list", "--json", "--db", db], environment: ["DOCKET_USER": "lee"])
        #expect(listed.status == 0, Comment(rawValue: listed.stderr))
        let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(items.map { $0["id"] as? String } == ["p1"])
        #expect(items.first?["votes"] as? [String: Int] == ["hate": 1, "normal": 1])
        let notes = (items.first?["decisions"] as? [[String: Any]])?.compactMap { $0["note"] as? String }
        #expect(notes?.first == "dog whistle aimed at migrants")
        let bad = try Self.run(["adjudicate", "--queue", "adj", "--threshold", "1.5", "--db", db], environment: ["DOCKET_USER": "lee"])
        #expect(bad.status == 64 && bad.stderr.contains("--threshold must be a share between 0 and 1"))
    }

    @Test func theLeadSeesBothReviewersAndSettlesTheItemWithOneKey() throws {
        let folder = try Folder()
        let db = try Self.setUp(folder)
        let terminal = try Tmux(arguments: ["adjudicate", "--queue", "adj", "--db", db], environment: ["DOCKET_USER": "lee"])
        let screen = try terminal.waitFor("disputed item 1 of 1")
        for shown in ["votes: hate 1 · normal 1", "you people should all go back", "0.71 ≥ 0.50",
                      "dog whistle aimed at migrants", "quoting it to condemn it ␛]2;pwned␇", "[1] hate"] {
            #expect(screen.contains(shown), "missing \(shown) in:\n\(screen)")
        }
        let lines = screen.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("ann ") && $0.contains(" hate ") })
        #expect(lines.contains { $0.hasPrefix("bob ") && $0.contains(" normal ") })
        #expect(!(try terminal.title()).contains("pwned"))

        try terminal.press("2")
        let after = try terminal.waitFor("Adjudicated as offensive")
        #expect(after.contains("Nothing left to adjudicate"))
        try terminal.press("q")
        let end = try terminal.waitFor("EXITED")
        #expect(end.contains("Adjudicated 1 item(s) in queue 'adj'; 0 still disputed."))
        #expect(end.contains("EXITED 0"))

        let stored = try #require(try SQLiteReviewStore(path: db).adjudication(queue: "adj", externalID: "p1"))
        #expect(stored.kind == .adjudication && stored.label == "offensive" && stored.reviewer == "lee")
        let audit = try Self.run(["audit", "--action", "adjudicate", "--json", "--db", db], environment: ["DOCKET_USER": "lee"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["actor"] as? String == "lee")
        #expect(entries.first?["item"] as? String == "p1")
        #expect((entries.first?["detail"] as? [String: Any])?["label"] as? String == "offensive")
        let left = try Self.run(["adjudicate", "--queue", "adj", "--list", "--json", "--db", db], environment: ["DOCKET_USER": "lee"])
        #expect(left.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }

    @Test func skippingLeavesTheItemDisputed() throws {
        let folder = try Folder()
        let db = try Self.setUp(folder)
        let terminal = try Tmux(arguments: ["adjudicate", "--queue", "adj", "--db", db], environment: ["DOCKET_USER": "lee"])
        try terminal.waitFor("disputed item 1 of 1")
        try terminal.press("Right")
        try terminal.waitFor("only item left")
        try terminal.press("q")
        #expect(try terminal.waitFor("EXITED").contains("Adjudicated 0 item(s) in queue 'adj'; 1 still disputed."))
        #expect(try SQLiteReviewStore(path: db).adjudications(queue: "adj").isEmpty)
    }

    @Test func ctrlCRestoresTheTerminalAndExitsAsTheSignalDoes() throws {
        let folder = try Folder()
        let db = try Self.setUp(folder)
        let terminal = try Tmux(arguments: ["adjudicate", "--queue", "adj", "--db", db], environment: ["DOCKET_USER": "lee"])
        try terminal.waitFor("disputed item 1 of 1")
        try terminal.press("C-c")
        let end = try terminal.waitFor("EXITED")
        #expect(end.contains("EXITED 130"))
        #expect(!end.contains("disputed item 1 of 1"))  // the screen was given back to the shell
        #expect(try SQLiteReviewStore(path: db).adjudications(queue: "adj").isEmpty)
    }

    // MARK: - Running the binary

    /// The `docket` under test: `$DOCKET_BIN`, else the one built beside the test bundle, else `.build/debug/docket`.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["DOCKET_BIN"], !path.isEmpty { return path }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for dir in [bundle.deletingLastPathComponent(), bundle.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("docket").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/docket").path
    }

    /// Runs a program (`docket` by default; a bare name is looked up in PATH) to the end and collects its exit
    /// status and output.
    ///
    /// Started with posix_spawn and an empty signal mask: test threads block most signals, and a child (the
    /// tmux server above all) would inherit that mask, never see SIGCHLD or SIGTERM, and hang.
    static func run(_ arguments: [String], environment: [String: String] = [:],
                    executable: String = binary) throws -> (status: Int32, stdout: String, stderr: String) {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("docket-adj-run-\(UUID().uuidString)").path
        let outPath = scratch + ".out", errPath = scratch + ".err"
        defer { unlink(outPath); unlink(errPath) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGHUP, SIGCHLD, SIGPIPE, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var files = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&files)
        defer { posix_spawn_file_actions_destroy(&files) }
        posix_spawn_file_actions_addopen(&files, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&files, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&files, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var env = ProcessInfo.processInfo.environment
        env["CI"] = "1"  // no progress bars
        env.merge(environment) { $1 }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawnp(&pid, executable, &files, &attributes, argv, envp)
        guard spawned == 0 else { throw TmuxFailure(description: "cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = FileManager.default.contents(atPath: outPath) ?? Data()
        let errors = FileManager.default.contents(atPath: errPath) ?? Data()
        return (exitStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    /// A temporary folder of one test, removed afterwards.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("docket-adjudicate-\(UUID().uuidString.prefix(8))")
        init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: url) }
        func path(_ name: String) -> String { url.appendingPathComponent(name).path }
        func write(_ name: String, _ text: String) throws { try Data(text.utf8).write(to: URL(fileURLWithPath: path(name))) }
    }

    /// `docket` in a 100x30 terminal of its own tmux server; after it exits the pane shows `EXITED <status>`.
    final class Tmux {
        let socket = "docket-adj-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"

        init(arguments: [String], environment: [String: String]) throws {
            let env = environment.merging(["TERM": "xterm-256color", "LANG": "C.UTF-8"]) { $1 }
                .map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
            let command = ([AdjudicateEndToEndTests.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
            try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "adj", "-x", "100", "-y", "30",
                      "env \(env) \(command.joined(separator: " ")); echo EXITED $?; sleep 60"])
        }

        deinit {
            _ = try? tmux(["kill-server"])
            // The server leaves its socket file behind; it is this test's alone.
            let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
            unlink("\(folder)/tmux-\(getuid())/\(socket)")
        }

        @discardableResult
        func tmux(_ arguments: [String]) throws -> String {
            let result = try AdjudicateEndToEndTests.run(["-L", socket] + arguments, executable: "tmux")
            guard result.status == 0 else { throw TmuxFailure(description: "tmux \(arguments.first ?? "") failed: \(result.stderr)") }
            return result.stdout
        }

        /// Sends tmux key names (`1`, `Right`, `Escape`).
        func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "adj"] + keys) }

        func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "adj"]) }

        func title() throws -> String { try tmux(["display-message", "-p", "-t", "adj", "#{pane_title}"]) }

        /// Polls the screen until it shows `text` (10 s at most), and returns it; fails with the last screen.
        @discardableResult
        func waitFor(_ text: String, seconds: Double = 10) throws -> String {
            let deadline = Date().addingTimeInterval(seconds)
            var last = ""
            while Date() < deadline {
                last = try screen()
                if last.contains(text) { return last }
                usleep(50_000)
            }
            throw TmuxFailure(description: "'\(text)' did not appear within \(seconds) s; the screen was:\n\(last)")
        }
    }

    struct TmuxFailure: Error, CustomStringConvertible {
        var description: String
    }
}
