import Foundation
import Glibc
import PostgresTestSupport
import Testing

/// The real `docket` binary running inside its own tmux server, driven by keys and read with `capture-pane`,
/// as a reviewer would see it: the one terminal driver of the end-to-end tests (review, adjudicate, the
/// installed demo, the crash loop). Each instance has its own socket so tests run in parallel.
///
/// After docket exits the pane shows `EXITED <status>` and stays open, so the restored terminal and the
/// exit status can be read off the screen.
final class ReviewTerminal: Sendable {
    let socket: String
    let target = "review"

    /// How long the screen must stay the same before a wait returns it: docket writes a frame in several
    /// pieces, and on a loaded machine it can be descheduled between them, so one capture (or two close
    /// together) can show a frame half drawn.
    static let settle = 0.2

    /// The `docket` binary under test (``DocketBinary``).
    static var binary: String { DocketBinary.path }

    /// Runs a program (looked up in PATH) to its end and returns its standard output; throws when it fails.
    ///
    /// With every signal unblocked and at its default (``SpawnedProgram``): the test runner's threads block
    /// signals, and a tmux server (and the docket inside it) would inherit that mask and never see Ctrl-C or SIGHUP.
    @discardableResult
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let result = SpawnedProgram.run("/usr/bin/env", arguments, environment: environment)
        guard result.status == 0 else {
            throw TerminalError("\(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)")
        }
        return result.stdout
    }

    /// Starts `docket ARGUMENTS` in a `width` x `height` terminal; `environment` is added to docket's.
    convenience init(_ name: String, arguments: [String], width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        try self.init(name, shellCommand: ([Self.binary] + arguments).map(Self.quote).joined(separator: " "),
                      width: width, height: height, environment: environment)
    }

    /// Starts a shell command line (a command as a guide prints it) in a `width` x `height` terminal, as
    /// xterm-256color in UTF-8 with `environment` added.
    init(_ name: String, shellCommand: String, width: Int = 100, height: Int = 30, environment: [String: String] = [:]) throws {
        socket = "docket-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let exports = (["TERM": "xterm-256color", "LANG": "C.UTF-8"].merging(environment) { $1 })
            .map { "\($0.key)=\(Self.quote($0.value))" }.sorted().joined(separator: " ")
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", target, "-x", String(width), "-y", String(height),
                  "export \(exports); \(shellCommand); echo EXITED $?; sleep 300"])
    }

    deinit {
        _ = try? tmux(["kill-server"])
        // The server leaves its socket file behind; it is this terminal's alone.
        let folder = ProcessInfo.processInfo.environment["TMUX_TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        unlink("\(folder)/tmux-\(getuid())/\(socket)")
    }

    /// Whether tmux is installed (the CI script installs it).
    static var isAvailable: Bool { (try? run(["tmux", "-V"])) != nil }

    /// `text` in single quotes for the shell.
    static func quote(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try Self.run(["tmux", "-L", socket] + arguments)
    }

    /// Sends tmux key names (`Enter`, `Escape`, `C-c`, `1`).
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", target] + keys) }

    /// Types text literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", target, "-l", text]) }

    /// The screen as text, as it is this instant (it may be half drawn: the waits below return settled screens).
    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", target] + (escapes ? ["-e"] : []))
    }

    /// The pane's title as the terminal would show it in a window title.
    func title() throws -> String { try tmux(["display-message", "-p", "-t", target, "#{pane_title}"]) }

    /// The id of the pane's shell (docket runs as its child).
    func panePID() throws -> Int32? {
        Int32(try tmux(["list-panes", "-t", target, "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", target, "-x", String(width), "-y", String(height)])
    }

    /// The external id of the item on `screen`, read from the content pane's title (`Content · i2`).
    static func shownItem(_ screen: String) -> String? {
        guard let range = screen.range(of: "Content · ") else { return nil }
        return String(screen[range.upperBound...].prefix { !$0.isWhitespace })
    }

    /// Polls the screen until `text` appears (or `deadline` seconds pass) and returns it once it has settled.
    @discardableResult
    func waitFor(_ text: String, deadline: Double = 60, escapes: Bool = false,
                 sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitForScreen("'\(text)'", deadline: deadline, escapes: escapes, sourceLocation: sourceLocation) { $0.contains(text) }
    }

    /// Polls the screen until one of its lines satisfies `line`: a test that checks a line waits for it rather
    /// than reading it once.
    @discardableResult
    func waitForLine(_ description: String, deadline: Double = 60, sourceLocation: SourceLocation = #_sourceLocation,
                     where line: @escaping (String) -> Bool) throws -> String {
        try waitForScreen(description, deadline: deadline, sourceLocation: sourceLocation) {
            $0.split(separator: "\n", omittingEmptySubsequences: false).contains { line(String($0)) }
        }
    }

    /// The screen once it has not changed for ``settle`` seconds, for what a test checks is absent.
    func settledScreen(escapes: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try waitForScreen("a settled screen", escapes: escapes, sourceLocation: sourceLocation) { _ in true }
    }

    /// Polls the screen until `shown` holds for it and it has not changed for ``settle`` seconds, and returns it
    /// (with its colour escapes if `escapes`). A screen that keeps changing (a ticking clock) is returned as it is
    /// at the deadline; one for which `shown` never held is a recorded failure, and throws.
    @discardableResult
    func waitForScreen(_ description: String, deadline: Double = 60, escapes: Bool = false,
                       sourceLocation: SourceLocation = #_sourceLocation, where shown: (String) -> Bool) throws -> String {
        let end = Date().addingTimeInterval(deadline)
        var last = ""
        var settling: (screen: String, since: Date)?
        while Date() < end {
            last = try screen(escapes: escapes)
            guard shown(last) else {
                settling = nil
                usleep(50_000)
                continue
            }
            if let settling, settling.screen == last {
                if Date().timeIntervalSince(settling.since) >= Self.settle { return last }
            } else {
                settling = (last, Date())
            }
            usleep(40_000)
        }
        if settling != nil { return last }
        Issue.record("\(description) never appeared; the screen was:\n\(last)", sourceLocation: sourceLocation)
        throw TerminalError("timed out waiting for \(description)")
    }
}

struct TerminalError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
