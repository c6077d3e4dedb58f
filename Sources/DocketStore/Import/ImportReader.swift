import DocketCore
import Foundation

/// Reads import sources on a thread of its own while the caller writes to SQLite, so that parsing
/// and validating JSON (about half the work of an import) overlaps with the database writes.
///
/// Entries come out in exactly the order the sources give them. At most ``maxBatches`` batches of
/// ``batchSize`` entries wait at any time, so memory stays constant whatever the input size.
/// Sources are only touched by the reading thread until ``finish()`` has returned.
final class ImportReader: @unchecked Sendable {
    /// One entry and where it came from.
    struct Entry {
        var input: ImportInput
        /// The source's file, to locate a rejection found while writing.
        var file: String
        /// Bytes read from all sources up to this entry, for the progress bar.
        var bytesDone: Int64
    }

    static let batchSize = 64
    static let maxBatches = 8

    private let sources: [ImportSource]
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var batches: [[Entry]] = []
    private var finished = false
    private var cancelled = false
    private var failure: Error?
    private var totalDone: Int64 = 0
    private var threadDone = false
    // Only the caller's thread:
    private var current: [Entry] = []
    private var position = 0

    init(sources: [ImportSource]) {
        self.sources = sources
        let thread = Thread { [self] in read() }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next entry, nil at the end of every source; rethrows a failure to read a source.
    func next() throws -> Entry? {
        if position < current.count {
            defer { position += 1 }
            return current[position]
        }
        condition.lock()
        while batches.isEmpty && !finished {
            condition.wait()
        }
        if batches.isEmpty {
            let failure = self.failure
            condition.unlock()
            if let failure { throw failure }
            return nil
        }
        current = batches.removeFirst()
        condition.broadcast()
        condition.unlock()
        position = 1
        return current[0]
    }

    /// Stops the reading thread (when the caller gives up early) and waits for it; returns the bytes
    /// read from all sources.
    @discardableResult
    func finish() -> Int64 {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        let done = totalDone
        condition.unlock()
        return done
    }

    private func read() {
        var batch: [Entry] = []
        batch.reserveCapacity(Self.batchSize)
        var doneBefore: Int64 = 0
        var failure: Error?
        reading: for source in sources {
            do {
                while let input = try source.next() {
                    batch.append(Entry(input: input, file: source.file, bytesDone: doneBefore + source.progress.done))
                    if batch.count == Self.batchSize {
                        guard hand(batch) else { break reading }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
            } catch {
                failure = error
                doneBefore += source.progress.done
                break reading
            }
            doneBefore += source.progress.done
        }
        if !batch.isEmpty { _ = hand(batch) }
        condition.lock()
        self.failure = failure
        finished = true
        totalDone = doneBefore
        threadDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the queue is full; false when the caller has stopped reading.
    private func hand(_ batch: [Entry]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.maxBatches && !cancelled {
            condition.wait()
        }
        if cancelled { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }
}
