import Foundation
import GRDB

/// Copies an import's committed pages from the WAL into the database file on a thread and connection of its
/// own (passive checkpoints), so that the thread holding the import's write transaction does not stop for
/// the copy and its `fsync`s. Otherwise SQLite runs that checkpoint on the committing connection, which
/// then sleeps for about a third of an import's time (200,000 records: 64 `fdatasync`s, 2.7 s of 7.5).
///
/// The WAL only starts over from its beginning once a checkpoint has copied all of it, and a writer that
/// never waits would keep it growing for the whole import. So every ``commitsPerWait``-th commit waits
/// until the copy has caught up: the WAL holds at most that many transactions (about 30 MB each for
/// 10,000 records of 1.4 KB). A checkpoint that fails leaves its pages in the WAL for the next one.
final class ImportCheckpointer: @unchecked Sendable {
    /// Commits between two waits for the copy to catch up (1, 2, 4, 8 and never took 7.4-7.7, 6.8-7.1,
    /// 6.7-6.8, 6.9 and 6.9-7.2 s for 200,000 records here).
    static let commitsPerWait = 4

    private let connection: DatabaseQueue
    private let condition = NSCondition()
    private var requested = 0
    private var finished = 0
    private var stopping = false
    private var running = true

    /// Opens a second connection to the database at `path` and starts the thread.
    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        let thread = Thread { [self] in run() }
        thread.name = "docket.import-checkpoint"
        thread.start()
    }

    /// A transaction was committed: copy it over (and, every ``commitsPerWait`` commits, wait until done).
    func committed() {
        condition.lock()
        requested += 1
        condition.broadcast()
        if requested % Self.commitsPerWait == 0 {
            while finished < requested && running { condition.wait() }
        }
        condition.unlock()
    }

    /// Copies what is left, then ends the thread.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while requested == finished && !stopping { condition.wait() }
            if requested == finished {   // stopping, nothing left
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let target = requested
            condition.unlock()
            // A failed checkpoint leaves the pages in the WAL, where SQLite's next checkpoint finds them.
            _ = try? connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
            condition.lock()
            finished = target
            condition.broadcast()
            condition.unlock()
        }
    }
}
