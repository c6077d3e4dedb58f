import DocketCore
import Foundation

/// Reads an import source ahead on threads of its own and prepares each entry there (`prepare`), so that
/// parsing and preparing the next records overlaps with storing the last ones.
///
/// A ``LineImportSource`` (JSON Lines) is read by one thread and its lines decoded and prepared by
/// `workers` threads at once, a batch each: decoding a record costs more than SQLite's part of storing it,
/// so one decoding thread alone would hold the import to its pace. Any other source is read and prepared
/// by a single thread.
///
/// Entries come out in the order the source gives them, errors included (a thrown error ends the stream where
/// it happened). Memory stays bounded: at most ``ImportPrefetcherSizes/depth`` batches of
/// ``ImportPrefetcherSizes/batchSize`` entries are prepared ahead, and a few batches of raw lines wait to be
/// decoded. The source must not be used by anything else once this exists.
public final class ImportPrefetcher<Output: Sendable> {
    public var file: String { source.file }
    /// Progress as of the entries handed out so far (not as far as the threads have read).
    public private(set) var progress: (done: Int64, total: Int64?)

    private let source: ImportSource
    private let prepared: PreparedBatches
    private let lines: RawLineBatches?
    private var batch = Batch(sequence: -1, producer: 0, entries: [], progress: (0, nil), error: nil, isLast: false)
    private var position = 0
    private var finished = false

    /// - Parameter workers: threads decoding the lines of a ``LineImportSource`` (at least 1); other sources
    ///   use one thread whatever this says.
    public init(_ source: ImportSource, workers: Int = ImportPrefetcherSizes.defaultWorkers,
                prepare: @escaping @Sendable (ImportInput) -> Output) {
        self.source = source
        progress = (0, source.progress.total)
        let workerCount = max(1, workers)
        prepared = PreparedBatches(window: ImportPrefetcherSizes.depth, producers: workerCount)
        if let lineSource = source as? LineImportSource {
            let raw = RawLineBatches(capacity: 2 * workerCount)
            lines = raw
            Self.start("docket.import-reader", LineReaderThread(source: UnsafeSendable(value: lineSource), raw: raw).run)
            let decode = lineSource.lineDecoder
            for index in 0..<workerCount {
                let worker = DecodingThread(index: index, raw: raw, prepared: prepared, decode: decode, prepare: prepare)
                Self.start("docket.import-decoder", worker.run)
            }
        } else {
            lines = nil
            Self.start("docket.import-reader", EntryReaderThread(source: UnsafeSendable(value: source), prepared: prepared, prepare: prepare).run)
        }
    }

    private static func start(_ name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.start()
    }

    deinit {
        // The consumer stopped (finished or failed): let the threads end too.
        prepared.cancel()
        lines?.cancel()
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
            // The entries go back to the thread that made them to be freed there: memory freed on another thread
            // than the one that allocated it contends for that thread's malloc arena lock (35,000 futex
            // calls in a 200,000-record import, and the threads barely overlapped).
            let used = batch.entries
            batch.entries = []
            if batch.sequence >= 0 { prepared.recycle(used, producer: batch.producer) }
            batch = prepared.take(batch.sequence + 1)
            position = 0
            progress = batch.progress
        }
        defer { position += 1 }
        return batch.entries[position]
    }

    /// Prepared entries, numbered in the source's order, with the progress after the last of them.
    fileprivate struct Batch: @unchecked Sendable {
        var sequence: Int
        /// The thread that prepared the entries (they are freed there).
        var producer: Int
        var entries: [Output]
        var progress: (done: Int64, total: Int64?)
        /// What the wrapped source threw after `entries`.
        var error: ThrownError?
        /// Whether the wrapped source ended after `entries`.
        var isLast: Bool
    }

    /// Lines read together, not yet decoded: one buffer of bytes and where each line lies in it.
    fileprivate struct RawLines: @unchecked Sendable {
        var sequence = 0
        var bytes: [UInt8] = []
        var lines: [(start: Int, count: Int, number: Int)] = []
        var progress: (done: Int64, total: Int64?) = (0, nil)
        var error: ThrownError?
        var isLast = false
    }

    /// An error as it crosses threads.
    fileprivate struct ThrownError: @unchecked Sendable { var value: Error }

    /// Something used by one thread at a time, handed from the creating thread to the one that uses it.
    fileprivate struct UnsafeSendable<Value>: @unchecked Sendable { var value: Value }

    /// Reads and prepares a source that is not line-based, on one thread.
    private final class EntryReaderThread: Sendable {
        let source: UnsafeSendable<ImportSource>
        let prepared: PreparedBatches
        let prepare: @Sendable (ImportInput) -> Output

        init(source: UnsafeSendable<ImportSource>, prepared: PreparedBatches, prepare: @escaping @Sendable (ImportInput) -> Output) {
            self.source = source
            self.prepared = prepared
            self.prepare = prepare
        }

        func run() {
            let source = self.source.value
            var sequence = 0
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
                let batch = Batch(sequence: sequence, producer: 0, entries: entries, progress: source.progress,
                                  error: error, isLast: isLast)
                sequence += 1
                var used: [[Output]] = []
                let open = prepared.put(batch, takingBack: &used)
                used.removeAll()   // freed here, on the thread that allocated them
                if !open || isLast { return }
            }
        }
    }

    /// Reads the lines of a line-based source into numbered batches for the decoding threads.
    private final class LineReaderThread: Sendable {
        let source: UnsafeSendable<LineImportSource>
        let raw: RawLineBatches

        init(source: UnsafeSendable<LineImportSource>, raw: RawLineBatches) {
            self.source = source
            self.raw = raw
        }

        func run() {
            let source = self.source.value
            var sequence = 0
            while true {
                var batch = raw.spare() ?? RawLines()
                batch.bytes.removeAll(keepingCapacity: true)
                batch.lines.removeAll(keepingCapacity: true)
                batch.error = nil
                batch.isLast = false
                while batch.lines.count < ImportPrefetcherSizes.batchSize && batch.bytes.count < ImportPrefetcherSizes.rawBatchBytes {
                    do {
                        let read: Bool? = try source.nextLine { bytes, number in
                            batch.lines.append((batch.bytes.count, bytes.count, number))
                            batch.bytes.append(contentsOf: bytes)
                            return true
                        }
                        if read == nil { batch.isLast = true; break }   // the end of the input
                    } catch let thrown {
                        batch.error = ThrownError(value: thrown)
                        batch.isLast = true
                        break
                    }
                }
                batch.sequence = sequence
                batch.progress = source.progress
                sequence += 1
                let isLast = batch.isLast
                if !raw.put(batch) || isLast { return }
            }
        }
    }

    /// Decodes and prepares batches of lines, as many at once as there are of these threads.
    private final class DecodingThread: Sendable {
        let index: Int
        let raw: RawLineBatches
        let prepared: PreparedBatches
        let decode: @Sendable (UnsafeBufferPointer<UInt8>, Int) -> ImportInput
        let prepare: @Sendable (ImportInput) -> Output

        init(index: Int, raw: RawLineBatches, prepared: PreparedBatches,
             decode: @escaping @Sendable (UnsafeBufferPointer<UInt8>, Int) -> ImportInput,
             prepare: @escaping @Sendable (ImportInput) -> Output) {
            self.index = index
            self.raw = raw
            self.prepared = prepared
            self.decode = decode
            self.prepare = prepare
        }

        func run() {
            while let lines = raw.take() {
                var entries: [Output] = []
                entries.reserveCapacity(lines.lines.count)
                lines.bytes.withUnsafeBufferPointer { all in
                    for line in lines.lines {
                        let bytes = UnsafeBufferPointer(rebasing: all[line.start..<(line.start + line.count)])
                        entries.append(prepare(decode(bytes, line.number)))
                    }
                }
                let batch = Batch(sequence: lines.sequence, producer: index, entries: entries, progress: lines.progress,
                                  error: lines.error, isLast: lines.isLast)
                raw.giveBack(lines)
                var used: [[Output]] = []
                let open = prepared.put(batch, takingBack: &used)
                used.removeAll()   // freed here, on the thread that allocated them
                if !open { return }
            }
        }
    }

    /// Batches of raw lines between the reading thread and the decoding threads, first in first out and
    /// bounded; the emptied buffers go back to the reading thread to be filled again.
    private final class RawLineBatches: @unchecked Sendable {
        private let condition = NSCondition()
        private var waiting: [RawLines] = []
        private var spares: [RawLines] = []
        private var closed = false
        private var cancelled = false
        private let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        /// Waits for room; false when the consumer has gone. The last batch closes the queue.
        func put(_ batch: RawLines) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while waiting.count >= capacity && !cancelled { condition.wait() }
            if cancelled { return false }
            waiting.append(batch)
            if batch.isLast { closed = true }
            condition.broadcast()
            return true
        }

        /// The next batch in reading order; nil once the last one was taken or the consumer has gone.
        func take() -> RawLines? {
            condition.lock()
            defer { condition.unlock() }
            while waiting.isEmpty && !closed && !cancelled { condition.wait() }
            if cancelled || waiting.isEmpty { return nil }
            let batch = waiting.removeFirst()
            condition.broadcast()
            return batch
        }

        func giveBack(_ batch: RawLines) {
            condition.lock()
            if spares.count < capacity + 2 { spares.append(batch) }
            condition.unlock()
        }

        func spare() -> RawLines? {
            condition.lock()
            defer { condition.unlock() }
            return spares.popLast()
        }

        func cancel() {
            condition.lock()
            cancelled = true
            waiting.removeAll()
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Prepared batches on their way to the consumer, handed out strictly in sequence. A producer waits while
    /// its batch is `window` or more ahead of the one the consumer wants next (the producer of that one never
    /// waits, so the consumer always gets it).
    private final class PreparedBatches: @unchecked Sendable {
        private let condition = NSCondition()
        private var ready: [Int: Batch] = [:]
        private var wanted = 0
        /// Entries the consumer is done with, per producer, waiting to be freed by it.
        private var used: [[[Output]]]
        private var cancelled = false
        private let window: Int

        init(window: Int, producers: Int) {
            self.window = window
            used = Array(repeating: [], count: producers)
        }

        /// Waits until the batch is within the window; false when the consumer has gone (the batch is dropped).
        /// Hands over in `usedEntries` the entries of this producer that the consumer has finished with, for
        /// the caller to free outside the lock.
        func put(_ batch: Batch, takingBack usedEntries: inout [[Output]]) -> Bool {
            condition.lock()
            defer { condition.unlock() }
            while batch.sequence >= wanted + window && !cancelled { condition.wait() }
            swap(&used[batch.producer], &usedEntries)
            if cancelled { return false }
            ready[batch.sequence] = batch
            condition.broadcast()
            return true
        }

        /// Leaves entries the consumer has finished with for their producer to free.
        func recycle(_ entries: [Output], producer: Int) {
            condition.lock()
            if !cancelled { used[producer].append(entries) }
            condition.unlock()
        }

        /// Waits for batch `sequence` (the one after the last taken).
        func take(_ sequence: Int) -> Batch {
            condition.lock()
            defer { condition.unlock() }
            while ready[sequence] == nil { condition.wait() }
            let batch = ready.removeValue(forKey: sequence)!
            wanted = sequence + 1
            condition.broadcast()
            return batch
        }

        func cancel() {
            condition.lock()
            cancelled = true
            ready.removeAll()
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// How far an ``ImportPrefetcher`` reads ahead, and with how many threads.
public enum ImportPrefetcherSizes {
    /// Entries per hand-over between the threads (each hand-over takes a lock).
    public static let batchSize = 256
    /// Batches prepared ahead at most (8,192 records, about 20 MB). The writer's pace is uneven (a commit and
    /// WAL checkpoint every 10,000 records stalls it for a while): with 4 batches the reader sat waiting on
    /// a full queue for 2.8 s and the writer on an empty one for 3.3 s of a 10 s import; with 32, 0.1 and 0.9 s.
    public static let depth = 32
    /// A batch of raw lines ends early once it holds this many bytes (a file of 5 MB records).
    public static let rawBatchBytes = 1 << 20
    /// Threads decoding JSON Lines: one per core, at most 4. Decoding a record costs about 1.5 times what
    /// the writer spends storing it, so even on two cores the decoders share the writer's core.
    public static var defaultWorkers: Int { min(4, max(1, ProcessInfo.processInfo.activeProcessorCount)) }
}
