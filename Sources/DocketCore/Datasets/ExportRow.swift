/// One item as a dataset row: the content, its gold label and how sure the reviewers were, the
/// model scores and (redacted) metadata. Every row format (JSONL, CSV, `datasets`, chat) is written from it.
public struct ExportRow: Sendable {
    /// The item's external id (unique in its queue).
    public var id: String
    public var text: String
    /// The gold label; nil for a tie or an escalation exported on request.
    public var label: String?
    /// Where the label came from: `adjudicated`, `known_answer`, `majority`, `dawid_skene`, `tie`, `escalated`.
    public var labelSource: String
    /// The share of votes per label, in the queue's label order (all zero when nobody labelled the item).
    public var softLabel: [Double]
    /// Distinct reviewers whose label decision is in force for the item.
    public var reviewers: Int
    /// The share of those reviewers who chose the item's most common label (1 when they all agree).
    public var agreement: Double
    /// The model scores as a JSON list of `{model, category, score, threshold}` (``ScoreCoding``'s form),
    /// copied into files as it is.
    public var scoresJSON: String
    /// The metadata object after redaction, as compact JSON text (copied into files without re-parsing).
    public var metaJSON: String
    public var group: String?
    /// The split the row belongs to.
    public var split: String
    /// The item's images as exported (paths of the copies with `--copy-media`), when the export has media columns.
    public var media: [MediaReference] = []
    /// The conversation's turns, oldest first (empty when the item is not a conversation).
    public var turns: [Turn] = []

    public init(id: String, text: String, label: String?, labelSource: String, softLabel: [Double], reviewers: Int,
                agreement: Double, scoresJSON: String = "[]", metaJSON: String = "{}", group: String? = nil,
                split: String, turns: [Turn] = []) {
        self.turns = turns
        self.id = id
        self.text = text
        self.label = label
        self.labelSource = labelSource
        self.softLabel = softLabel
        self.reviewers = reviewers
        self.agreement = agreement
        self.scoresJSON = scoresJSON
        self.metaJSON = metaJSON
        self.group = group
        self.split = split
    }
}
