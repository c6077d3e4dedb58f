import DocketCore
import DocketIO

extension PostgresReviewStore {
    /// Imports every entry of `sources` into `queueID`, idempotent by external id (see ``ReviewStore``): an
    /// identical record changes nothing; a changed one updates its item and never touches stored decisions.
    ///
    /// Reading and parsing are the SQLite import's (``ImportPrefetcher``, the record parsers, the queue's
    /// checks), so both backends reject the same lines with the same file, line, field and words. Records are
    /// written by ``PostgresItemMerger`` in transactions of `options.batchSize` entries, each audited with the
    /// running totals (`import.batch`); with `options.strict` everything is one transaction that the first
    /// rejected record rolls back. In a database not in UTF8 (made by an older Docket), a record holding a character
    /// its encoding lacks is rejected like any bad record, naming the field (``PostgresCharacterRepertoire``).
    public func importItems(into queueID: String, from sources: [ImportSource], options: ImportOptions,
                            progress: ((ImportSummary, Int64, Int64?) -> Void)?) throws -> ImportSummary {
        let queue = try queue(queueID)
        let totalBytes: Int64? = sources.reduce(Int64(0) as Int64?) { sum, source in
            guard let sum, let size = source.progress.total else { return nil }
            return sum + size
        }
        let now = Timestamp.now()
        return try run { c in
            var summary = ImportSummary()
            var doneBefore: Int64 = 0
            let merger = PostgresItemMerger(queue: queue, now: now, chunkSize: min(options.batchSize, 5_000))
            // Only in a database an older Docket created in another encoding than UTF8 (nil otherwise).
            let repertoire = try PostgresCharacterRepertoire.of(c)
            /// The import's audit line so far: `import` when it finished, `import.batch` for each committed batch.
            func auditImport(_ action: String) throws {
                try appendAudit(c, actor: options.actor, action: action, queue: queueID,
                                detail: summary.auditDetail(files: sources.map(\.file)), at: Timestamp.now())
            }
            func reject(_ error: InputError) throws {
                if options.strict { throw StrictImportFailure(rejection: error) }
                summary.rejected += 1
                if summary.rejections.count < options.keepRejections { summary.rejections.append(error) }
            }
            try c.execute("BEGIN")
            do {
                var inBatch = 0
                for original in sources {
                    let media = MediaResolver(importFile: original.file, roots: options.mediaRoots)
                    let source = ImportPrefetcher(original, workers: options.decodingThreads) {
                        PreparedImportInput($0, policy: queue.priority, importedAt: now, prepare: true)
                    }
                    while let prepared = try source.next() {
                        switch prepared.input {
                        case .rejected(let error):
                            try reject(error)
                        case let .record(record, line, fingerprint):
                            do {
                                let row = try PostgresImportRow(record, line: line, fingerprint: fingerprint, fields: prepared.fields,
                                                                queue: queue, media: media, importedAt: now)
                                try repertoire?.check(row, importedAt: now, c)
                                try merger.add(row, c, into: &summary)
                            } catch let error as InputError {
                                try reject(error.located(file: source.file, line: line))
                            }
                        }
                        inBatch += 1
                        if !options.strict && inBatch >= options.batchSize {
                            // Each batch is audited with the running totals in its own transaction: an import cut
                            // short later leaves a record of exactly what it committed.
                            try merger.flush(c, into: &summary)
                            try auditImport("import.batch")
                            try c.execute("COMMIT")
                            progress?(summary, doneBefore + source.progress.done, totalBytes)
                            try c.execute("BEGIN")
                            inBatch = 0
                        }
                    }
                    doneBefore += source.progress.done
                }
                try merger.flush(c, into: &summary)
                try auditImport("import")
                try c.execute("COMMIT")
                progress?(summary, doneBefore, totalBytes)
            } catch {
                c.rollbackQuietly()
                throw error
            }
            return summary
        }
    }
}
