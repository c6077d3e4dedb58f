import Foundation
import Glibc
import Testing

/// The real `docket` binary running inside its own tmux server, driven by keys and read with `capture-pane`,
/// as a reviewer would see it. Each instance has its own socket so tests run in parallel.
final class ReviewTerminal {
    let socket: String
    let target = "review"

    /// The `docket` binary: `$DOCKET_BIN`, else next to the test executable, else `.build/debug/docket` in the checkout.
    static var binary: String {
        if let path = ProcessInfo.processInfo.environment["DOCKET_BIN"], !path.isEmpty { return path }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        for dir in [executable.deletingLastPathComponent(), executable.deletingLastPathComponent().deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("docket").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug/docket").path
    }

    /// Runs a program and returns its standard output; throws when it fails.
    ///
    /// posix_spawn with every signal unblocked and at its default, rather than Foundation's Process: the test
    /// runner's threads block signals, and a tmux server (and the docket inside it) would inherit that mask and
    /// never see Ctrl-C or SIGHUP. Output goes to files, because a tmux server inherits and keeps open any pipe.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let outPath = FileManager.default.temporaryDirectory.appendingPathComponent("docket-run-\(UUID()).out").path
        let errPath = outPath + ".err"
        defer { try? FileManager.default.removeItem(atPath: outPath); try? FileManager.default.removeItem(atPath: errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        let argv = (["/usr/bin/env"] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { argv.forEach { free($0) }; envp.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/usr/bin/env", &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw TerminalError("cannot start \(arguments[0]): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        guard exitStatus == 0 else {
            let errors = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw TerminalError("\(arguments.joined(separator: " ")) exited \(exitStatus): \(errors)")
        }
        return output
    }

    /// Starts `docket ARGUMENTS` in a `width` x `height` terminal. When docket exits, `EXITED <status>` is printed
    /// and the pane stays open so the restored terminal can be checked.
    init(_ name: String, arguments: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "docket-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let quoted = ([Self.binary] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let env = (["TERM": "xterm-256color", "LANG": "C.UTF-8"].merging(environment) { $1 })
            .map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
        let command = "env \(env) \(quoted); echo EXITED $?; sleep 120"
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", String(width), "-y", String(height), command])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try Self.run(["tmux", "-L", socket] + arguments)
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-c`, `1`).
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", target] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", target, "-l", text]) }

    /// The screen as text.
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
    }

    /// The pane's title as the terminal would show it in a window title.
    func title() throws -> String { try tmux(["display-message", "-p", "-t", target, "#{pane_title}"]) }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
    }

    /// The external id of the item on `screen`, read from the content pane's title (`Content · i2`).
    static func shownItem(_ screen: String) -> String? {
        guard let range = screen.range(of: "Content · ") else { return nil }
        return String(screen[range.upperBound...].prefix { !$0.isWhitespace })
    }

    /// Polls the screen until `text` appears (or `deadline` seconds pass) and returns it.
    @discardableResult
    func waitFor(_ text: String, deadline: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitUntil("'\(text)'", deadline: deadline, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Polls the screen until one of its lines satisfies `line`: a capture can land while a screen is
    /// still being drawn, so a test that checks a line waits for it rather than reading it once.
    @discardableResult
    func waitForLine(_ description: String, deadline: Double = 20, sourceLocation: SourceLocation = #_sourceLocation,
                     where line: @escaping (String) -> Bool) throws -> String {
        try waitUntil(description, deadline: deadline, sourceLocation: sourceLocation) {
            $0.split(separator: "\n", omittingEmptySubsequences: false).contains { line(String($0)) }
        }
    }

    private func waitUntil(_ description: String, deadline: Double, sourceLocation: SourceLocation,
                           _ shown: (String) -> Bool) throws -> String {
        let end = Date().addingTimeInterval(deadline)
        var last = ""
        var previous: String?
        while Date() < end {
            last = try screen()
            // Returned once two captures agree, so the rest of the screen is not read half drawn;
            // a screen that keeps changing is returned as it is at the deadline.
            if shown(last) {
                if last == previous { return last }
                previous = last
                usleep(30_000)
                continue
            }
            previous = nil
            usleep(50_000)
        }
        if let previous, shown(last) || shown(previous) { return shown(last) ? last : previous }
        Issue.record("\(description) never appeared; the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TerminalError("timed out waiting for \(description)")
    }
}

struct TerminalError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
