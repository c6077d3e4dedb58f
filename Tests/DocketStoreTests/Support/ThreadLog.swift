import Synchronization

/// Lines that threads of a test append to at once (what each worker did, what went wrong), read at the end.
final class ThreadLog: Sendable {
    private let lines = Mutex<[String]>([])

    /// Appends `line`.
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    /// Everything appended so far, in the order it came.
    var all: [String] { lines.withLock { $0 } }
}
