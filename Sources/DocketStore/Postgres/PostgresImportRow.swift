import DocketCore

/// One import record as the PostgreSQL import stores it: the item's columns as text (``columns`` order, ready
/// for COPY or statement parameters), with what the merge needs besides: its line and its imported decisions.
///
/// Worked out exactly as the SQLite writer does (``ItemWriter``): the queue's checks first, then images
/// resolved and hashed into the fingerprint, then ``StoredItemFields``; so both backends store the same values
/// and reject the same records with the same words.
struct PostgresImportRow {
    /// The item columns a row fills, in order (the queue id and the import's time are the same for every row).
    static let columns = ["external_id", "kind", "content", "turns", "meta", "group_key", "content_hash", "source", "reports",
                          "created_at", "record_hash", "gold_label", "is_gold", "priority", "scores_json",
                          "explanations_json", "media_json"]
    /// The record's field each of ``columns`` comes from, as a rejection names it (nil: a value Docket works out,
    /// digits, hex or a fixed word only).
    static let columnFields: [String?] = ["id", "kind", "text", "turns", "meta", "group", nil, "source", nil,
                                         nil, nil, "gold", nil, nil, "scores", "explanations", "media"]
    /// The columns of an imported decision a staged decision fills, in order (``decisionValues(at:)``).
    static let decisionColumns = ["reviewer", "label", "tags", "severity", "note", "seconds", "decided_at"]

    /// The record's 1-based line in its file.
    let line: Int
    let externalID: String
    /// The values of ``columns`` in their text form (nil: SQL NULL).
    let values: [String?]
    /// Labels made elsewhere that came with the record.
    let decisions: [ImportRecord.ImportedDecision]

    /// The row for `original`, or the error naming the field that makes it unfit for `queue`.
    /// `prepared`: its fields worked out on the reading thread, if they were.
    init(_ original: ImportRecord, line: Int, fingerprint original64: UInt64, fields prepared: StoredItemFields?,
         queue: QueueDefinition, media: MediaResolver?, importedAt now: Double) throws(InputError) {
        try queue.checkImported(original)
        // As on SQLite: images are resolved and hashed first, and their hashes join the fingerprint, so a changed
        // image file makes a changed record.
        var record = original
        var fingerprint = original64
        if !record.media.isEmpty {
            record.media = try ItemMediaWriter.resolve(record.media, with: media ?? MediaResolver(importFile: "-"))
            fingerprint = ItemMediaWriter.fingerprint(fingerprint, record.media)
        }
        let fields = prepared ?? StoredItemFields(record, policy: queue.priority, importedAt: now)
        self.line = line
        externalID = record.id
        decisions = record.decisions
        values = [
            record.id, record.kind.rawValue, PostgresStoredText.encode(record.text), fields.turnsJSON,
            String(decoding: fields.metaJSON, as: UTF8.self), record.group, record.media.isEmpty ? fields.contentHash : ItemMediaWriter.contentHash(record), record.source,
            String(record.reports), fields.createdAt.postgresText, String(Int64(bitPattern: fingerprint)), record.gold,
            record.gold == nil ? "0" : "1", fields.priority, String(decoding: fields.scoresJSON, as: UTF8.self),
            String(decoding: fields.explanationsJSON, as: UTF8.self), MediaCoding.encode(record.media),
        ]
    }
}

extension PostgresImportRow {
    /// The values of ``decisionColumns`` for each imported decision, in the record's order, as SQLite stores them:
    /// tags as a JSON list, a decision without a time taken at the import's time `now`.
    func decisionValues(at now: Double) -> [[String?]] {
        decisions.map { decision in
            [decision.reviewer, decision.label, JSONWriter.string(.array(decision.tags.map { .string($0) })), decision.severity,
             decision.note, decision.seconds?.postgresText, (decision.at ?? now).postgresText]
        }
    }
}

extension PostgresImportRow {
    /// Every text value the row stores (items and decisions), with the record's field it comes from (`text`,
    /// `decisions[1].note`): what a database that cannot hold every character checks (``PostgresCharacterRepertoire``).
    func storedTexts(at now: Double) -> [(field: String, text: String)] {
        var texts: [(field: String, text: String)] = []
        for (field, value) in zip(Self.columnFields, values) {
            if let field, let value { texts.append((field, value)) }
        }
        for (index, decision) in decisionValues(at: now).enumerated() {
            for (column, value) in zip(Self.decisionColumns, decision) {
                if let value { texts.append(("decisions[\(index)].\(column)", value)) }
            }
        }
        return texts
    }
}
