import Foundation

/// A program running in its own tmux server (socket) and session, driven with keys and read back as
/// screen text: how the end-to-end tests use the review screen like a person would.
final class TmuxSession: @unchecked Sendable {
    let socket: String
    let name: String

    /// Whether tmux is installed (the CI script installs it).
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/tmux") }

    /// Starts `command` (a shell command line) in a detached session of `width` x `height` cells.
    init(_ command: String, width: Int = 120, height: Int = 40) throws {
        let tag = UUID().uuidString.prefix(8)
        socket = "docket-test-\(tag)"
        name = "s\(tag)"
        let result = try Self.tmux(["-L", socket, "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                                    "env TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 " + command])
        guard result.status == 0 else { throw SetupFailure("tmux new-session failed: \(result.transcript)") }
    }

    /// Runs one tmux command (not with Foundation's Process: the tmux server would keep it waiting).
    static func tmux(_ arguments: [String]) throws -> ProcessResult {
        spawnAndWait("/usr/bin/tmux", arguments)
    }

    /// Sends keys by tmux name (`1`, `Enter`, `Escape`, `C-c`).
    func send(_ keys: String...) throws {
        _ = try Self.tmux(["-L", socket, "send-keys", "-t", name] + keys)
    }

    /// The screen as text.
    func screen() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-p", "-t", name]).stdout
    }

    /// Polls the screen until `predicate` holds, up to `timeout` seconds; returns the last screen and whether it held.
    func waitFor(timeout: Double = 10, _ predicate: (String) -> Bool) throws -> (screen: String, ok: Bool) {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        repeat {
            last = (try? screen()) ?? ""
            if predicate(last) { return (last, true) }
            pause(0.05)
        } while Date() < deadline
        return (last, false)
    }

    /// The id of the process running in the pane (tmux's shell, or the program it exec'ed).
    func panePID() throws -> Int32? {
        Int32(try Self.tmux(["-L", socket, "list-panes", "-t", name, "-F", "#{pane_pid}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether the session still exists.
    var isAlive: Bool {
        ((try? Self.tmux(["-L", socket, "has-session", "-t", name]))?.status ?? 1) == 0
    }

    /// Ends the session and its server.
    func close() {
        _ = try? Self.tmux(["-L", socket, "kill-server"])
    }

    deinit { close() }
}
