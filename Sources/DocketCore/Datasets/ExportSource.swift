/// Where an export reads its items from, in two streaming passes over one queue (the store implements
/// it over SQLite cursors; tests can implement it over a file). Both passes visit items in the same
/// order and hold one item at a time, so memory stays flat however large the queue is.
public protocol ExportSource {
    /// Pass 1: each item of `queue` with the facts a split needs and its decisions in force, as votes
    /// over `labels` (the queue's label ids in order). `ItemVotes` is reused between calls: copy what you keep.
    func scanVotes(queue: String, labels: [String], _ body: (ExportKey, ItemVotes) throws -> Void) throws

    /// Pass 2: the items for which `wanted(rowID)` is true, in the same order, with content, scores and
    /// metadata (not votes: the export keeps what it needs of them from pass 1); with `history`, every
    /// decision of the item too (superseded ones included).
    /// `wanted` is asked once for every item pass 1 visited, in that order (the export compares the rowid
    /// with the next one it kept, read back from a temporary file).
    func scanItems(queue: String, labels: [String], history: Bool, wanted: (Int64) -> Bool,
                   _ body: (ExportItem) throws -> Void) throws

    /// Whether any item of `queue` has images: then every row carries the media columns (one schema for all).
    func queueHasMedia(_ queue: String) throws -> Bool
}

extension ExportSource {
    /// Sources without images (tests over files, backends that do not store them yet) export none.
    public func queueHasMedia(_ queue: String) throws -> Bool { false }
}

/// What pass 1 reads of an item besides its votes.
public struct ExportKey: Sendable {
    public var rowID: Int64
    public var externalID: String
    public var group: String?
    public var contentHash: String
    /// Characters of the text, white space at both ends left out (nil: unknown, the text joins as before).
    /// A text shorter than the export's minimum joins no items through its content hash.
    public var textLength: Int?
    /// The item's metadata object as JSON text, for `--stratify` and `--split-by` (nil: not read).
    public var metaJSON: String?

    public init(rowID: Int64, externalID: String, group: String?, contentHash: String, textLength: Int? = nil, metaJSON: String? = nil) {
        self.rowID = rowID
        self.externalID = externalID
        self.group = group
        self.contentHash = contentHash
        self.textLength = textLength
        self.metaJSON = metaJSON
    }
}

/// What pass 2 reads of an item.
public struct ExportItem: Sendable {
    public var rowID: Int64
    public var externalID: String
    public var text: String
    public var group: String?
    /// The metadata object as stored (compact JSON text), so that it can be copied without parsing.
    public var metaJSON: String
    /// The model scores in their stored form (``ScoreCoding``), which is also their form in exported rows.
    public var scoresJSON: String
    /// Every decision with whether it is in force (empty unless history was asked for).
    public var history: [(decision: Decision, inForce: Bool)]
    /// The item's images in their stored form (``MediaCoding``); `[]` for a text item.
    public var mediaJSON = "[]"
    /// The conversation, turn by turn, oldest first, the last being the item's text (empty for other items).
    public var turns: [Turn] = []

    public init(rowID: Int64, externalID: String, text: String, group: String?, metaJSON: String,
                scoresJSON: String, history: [(decision: Decision, inForce: Bool)] = []) {
        self.rowID = rowID
        self.externalID = externalID
        self.text = text
        self.group = group
        self.metaJSON = metaJSON
        self.scoresJSON = scoresJSON
        self.history = history
    }
}
