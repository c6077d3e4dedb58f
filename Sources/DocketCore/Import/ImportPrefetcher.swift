import Foundation

/// Reads an import source ahead on a thread of its own and prepares each entry there (`prepare`), so that
/// parsing and preparing the next records overlaps with storing the last ones: an import spends about as
/// long reading JSON as SQLite spends writing it.
///
/// Entries come out in the order the source gives them, errors included (a thrown error ends the stream where
/// it happened). Memory stays bounded: at most ``ImportPrefetcherSizes/depth`` batches of
/// ``ImportPrefetcherSizes/batchSize`` entries are read ahead. The source must not be used by anything else
/// once this exists.
public final class ImportPrefetcher<Output: Sendable> {
    public var file: String { source.file }
    /// Progress as of the entries handed out so far (not as far as the thread has read).
    public private(set) var progress: (done: Int64, total: Int64?)

    private let source: ImportSource
    private let channel: Channel
    private var batch = Batch(entries: [], progress: (0, nil), error: nil, isLast: false)
    private var position = 0
    private var finished = false

    public init(_ source: ImportSource, prepare: @escaping @Sendable (ImportInput) -> Output) {
        self.source = source
        progress = (0, source.progress.total)
        channel = Channel(capacity: ImportPrefetcherSizes.depth)
        let reader = Reader(source: source, channel: channel, prepare: prepare)
        let thread = Thread { reader.run() }
        thread.name = "docket.import-reader"
        thread.start()
    }

    deinit {
        // The consumer stopped (finished or failed): let the reader thread end too.
        channel.cancel()
    }

    /// The next prepared entry, or nil at the end of the source; rethrows what the source threw.
    public func next() throws -> Output? {
        while position == batch.entries.count {
            if let error = batch.error {
                batch.error = nil
                finished = true
                throw error.value
            }
            if finished || batch.isLast { finished = true; return nil }
            // The entries go back to the reading thread to be freed there: memory freed on another thread
            // than the one that allocated it contends for that thread's malloc arena lock (35,000 futex
            // calls in a 200,000-record import, and the two threads barely overlapped).
            let used = batch.entries
            batch.entries = []
            channel.recycle(used)
            batch = channel.take()
            position = 0
            progress = batch.progress
        }
        defer { position += 1 }
        return batch.entries[position]
    }

    /// Entries read together, with the progress after the last of them.
    fileprivate struct Batch: @unchecked Sendable {
        var entries: [Output]
        var progress: (done: Int64, total: Int64?)
        /// What the wrapped source threw after `entries`.
        var error: ThrownError?
        /// Whether the wrapped source ended after `entries`.
        var isLast: Bool
    }

    /// An error as it crosses threads.
    fileprivate struct ThrownError: @unchecked Sendable { var value: Error }

    /// The wrapped source, used only by the reader thread once it starts.
    private final class Reader: @unchecked Sendable {
        let source: ImportSource
        let channel: Channel
        let prepare: @Sendable (ImportInput) -> Output

        init(source: ImportSource, channel: Channel, prepare: @escaping @Sendable (ImportInput) -> Output) {
            self.source = source
            self.channel = channel
            self.prepare = prepare
        }

        func run() {
            while true {
                var entries: [Output] = []
                entries.reserveCapacity(ImportPrefetcherSizes.batchSize)
                var error: ThrownError?
                var isLast = false
                while entries.count < ImportPrefetcherSizes.batchSize {
                    do {
                        guard let entry = try source.next() else { isLast = true; break }
                        entries.append(prepare(entry))
                    } catch let thrown {
                        error = ThrownError(value: thrown)
                        isLast = true
                        break
                    }
                }
                let batch = Batch(entries: entries, progress: source.progress, error: error, isLast: isLast)
                var used: [[Output]] = []
                let open = channel.put(batch, takingBack: &used)
                used.removeAll()   // freed here, on the thread that allocated them
                if !open || isLast { return }
            }
        }
    }

    /// A bounded first-in first-out hand-over of batches between the two threads.
    private final class Channel: @unchecked Sendable {
        private let condition = NSCondition()
        private var batches: [Batch] = []
        /// Entries the consumer is done with, waiting to be freed by the reading thread.
        private var used: [[Output]] = []
        private var cancelled = false
        private let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        /// Waits for room; false when the consumer has gone (the batch is dropped). Hands over in `usedEntries`
        /// the entries the consumer has finished with, for the caller to free outside the lock.
        func put(_ batch: Batch, takingBack usedEntries: inout [[Output]]) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while batches.count >= capacity && !cancelled { condition.wait() }
            swap(&used, &usedEntries)
            if cancelled { return false }
            batches.append(batch)
            condition.broadcast()
            return true
        }

        /// Leaves entries the consumer has finished with for the reading thread to free.
        func recycle(_ entries: [Output]) {
            condition.lock()
            if !cancelled { used.append(entries) }
            condition.unlock()
        }

        /// Waits for the next batch.
        func take() -> Batch {
            condition.lock()
            defer { condition.unlock() }
            while batches.isEmpty { condition.wait() }
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }

        func cancel() {
            condition.lock()
            cancelled = true
            batches.removeAll()
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// How far an ``ImportPrefetcher`` reads ahead.
public enum ImportPrefetcherSizes {
    /// Entries per hand-over between the threads (each hand-over takes a lock).
    public static let batchSize = 256
    /// Batches read ahead at most (8,192 records, about 20 MB). The writer's pace is uneven (a commit and
    /// WAL checkpoint every 10,000 records stalls it for a while): with 4 batches the reader sat waiting on
    /// a full queue for 2.8 s and the writer on an empty one for 3.3 s of a 10 s import; with 32, 0.1 and 0.9 s.
    public static let depth = 32
}
