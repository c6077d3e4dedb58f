import Foundation
import DocketCore
import DocketIO
import GRDB

extension SQLiteReviewStore {
    /// Imports every entry of `sources` into `queueID`, in batched transactions and constant memory.
    /// Idempotent by external id: an identical record changes nothing; a changed one updates the
    /// item and replaces its scores and explanations, and never touches decisions already stored.
    public func importItems(into queueID: String, from sources: [ImportSource], options: ImportOptions,
                            progress: ((ImportSummary, Int64, Int64?) -> Void)?) throws -> ImportSummary {
        try checkWritable()
        let queue = try queue(queueID)
        var summary = ImportSummary()
        let totalBytes: Int64? = sources.reduce(Int64(0) as Int64?) { sum, source in
            guard let sum, let size = source.progress.total else { return nil }
            return sum + size
        }
        var doneBefore: Int64 = 0
        try translatingErrors { try pool.writeWithoutTransaction { db in
            // A larger page cache for the import's index inserts (fixed: memory does not grow with the input).
            let cacheBefore = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -32768")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheBefore)") }
            // Foreign keys are checked by construction here (the queue was read above, every score,
            // explanation and decision names the item just written), and SQLite's own check was a
            // parent look-up per row. The setting only applies outside a transaction, hence here.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            let writer = try ItemWriter(db: db, queue: queue)
            // Checkpoints run on a connection and thread of their own while this one writes (see ImportCheckpointer).
            let autoCheckpointBefore = try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") ?? 1000
            let checkpointer = try ImportCheckpointer(path: path)
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            defer {
                checkpointer.stop()
                try? db.execute(sql: "PRAGMA wal_autocheckpoint = \(autoCheckpointBefore)")
            }
            var inBatch = 0
            /// The import's audit line so far: `import` when it finished, `import.batch` for each committed batch.
            func auditImport(_ action: String) throws {
                try appendAudit(db, actor: options.actor, action: action, queue: queueID,
                                detail: summary.auditDetail(files: sources.map(\.file)))
            }
            try db.execute(sql: "BEGIN IMMEDIATE")
            do {
                let policy = queue.priority, now = writer.now
                // While the records written are found unchanged (a re-import of the same file), the reading
                // thread stops working out their columns: an unchanged record does not need them.
                let hint = UnchangedRecordsHint()
                for original in sources {
                    writer.media = MediaResolver(importFile: original.file, roots: options.mediaRoots)
                    // Parsing and preparing run batches ahead on other threads while this one writes.
                    let source = ImportPrefetcher(original, workers: options.decodingThreads) {
                        PreparedImportInput($0, policy: policy, importedAt: now, prepare: !hint.recordsAreUnchanged)
                    }
                    while let prepared = try source.next() {
                        switch prepared.input {
                        case .rejected(let error):
                            if options.strict { throw StrictImportFailure(rejection: error) }
                            summary.rejected += 1
                            if summary.rejections.count < options.keepRejections { summary.rejections.append(error) }
                        case let .record(record, line, fingerprint):
                            do {
                                let unchangedBefore = summary.unchanged
                                try writer.write(record, fields: prepared.fields, fingerprint: fingerprint, into: &summary)
                                hint.set(summary.unchanged > unchangedBefore)
                            } catch let error as InputError {
                                let located = error.located(file: source.file, line: line)
                                if options.strict { throw StrictImportFailure(rejection: located) }
                                summary.rejected += 1
                                if summary.rejections.count < options.keepRejections { summary.rejections.append(located) }
                            }
                        }
                        inBatch += 1
                        if !options.strict && inBatch >= options.batchSize {
                            // Each batch is audited with the running totals in its own transaction: an import killed
                            // later leaves a record of exactly what it committed.
                            try auditImport("import.batch")
                            try db.execute(sql: "COMMIT")
                            checkpointer.committed()
                            progress?(summary, doneBefore + source.progress.done, totalBytes)
                            try db.execute(sql: "BEGIN IMMEDIATE")
                            inBatch = 0
                        }
                    }
                    doneBefore += source.progress.done
                }
                try auditImport("import")
                try db.execute(sql: "COMMIT")
                checkpointer.committed()
                progress?(summary, doneBefore, totalBytes)
            } catch {
                try? db.execute(sql: "ROLLBACK")
                throw error
            }
        } }
        return summary
    }
}
