import DocketCore
/// An import record's columns as the store writes them: the content hash, the priority key and the JSON
/// texts of metadata, turns, scores and explanations.
///
/// Worked out apart from the database (and, during an import, on the thread that reads ahead) so that the
/// thread holding the write transaction does nothing but SQLite's part.
public struct StoredItemFields: Sendable {
    /// ``ContentHash`` of the text: near-duplicates share it.
    public var contentHash: String
    /// ``PriorityPolicy/sortKey(_:)`` of the record under its queue's policy.
    public var priority: String
    /// When the item was created: the record's `created_at`, else the import's time.
    public var createdAt: Double
    /// The metadata object as compact JSON.
    public var metaJSON: [UInt8]
    /// `[{speaker, text}]` for a conversation; nil when the record has no turns.
    public var turnsJSON: String?
    /// ``ScoreCoding``'s form of the scores.
    public var scoresJSON: [UInt8]
    /// ``ExplanationCoding``'s form of the explanations.
    public var explanationsJSON: [UInt8]

    public init(_ record: ImportRecord, policy: PriorityPolicy, importedAt now: Double) {
        contentHash = ContentHash.of(record.text)
        createdAt = record.createdAt ?? now
        priority = policy.sortKey(.init(scores: record.scores, reports: record.reports, createdAt: createdAt))
        var json = JSONWriter(capacity: 256)
        json.write(record.meta)
        metaJSON = json.bytes
        json = JSONWriter(capacity: 96 * max(1, record.scores.count))
        ScoreCoding.write(record.scores, to: &json)
        scoresJSON = json.bytes
        json = JSONWriter(capacity: 64)
        ExplanationCoding.write(record.explanations, to: &json)
        explanationsJSON = json.bytes
        turnsJSON = record.turns.isEmpty ? nil : JSONWriter.string(.array(record.turns.map {
            .object([("speaker", .string($0.speaker)), ("text", .string($0.text))])
        }))
    }
}
