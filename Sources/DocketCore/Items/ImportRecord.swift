/// One record of an import file, validated: what `docket import` stores for an item.
/// See `Docs/import-format.md` and `Docs/import-record.schema.json`.
public struct ImportRecord: Equatable, Sendable {
    /// A label made outside Docket, imported with the item (for auditing existing data sets).
    public struct ImportedDecision: Equatable, Sendable {
        public var reviewer: String
        public var label: String
        public var tags: [String]
        public var severity: String?
        public var note: String?
        /// Seconds since 1970, when given.
        public var at: Double?
        /// Seconds the reviewer spent on the item, when the source recorded it (kept for speed reports).
        public var seconds: Double?

        public init(reviewer: String, label: String, tags: [String] = [], severity: String? = nil,
                    note: String? = nil, at: Double? = nil, seconds: Double? = nil) {
            self.reviewer = reviewer
            self.label = label
            self.tags = tags
            self.severity = severity
            self.note = note
            self.at = at
            self.seconds = seconds
        }
    }

    public var id: String
    public var text: String
    public var kind: ContentKind
    public var turns: [Turn]
    public var group: String?
    /// A JSON object (empty when absent).
    public var meta: JSONValue
    public var scores: [ModelScore]
    public var explanations: [Explanation]
    public var decisions: [ImportedDecision]
    /// The known answer for a gold (known-answer) item.
    public var gold: String?
    public var reports: Int
    public var createdAt: Double?
    public var source: String?
    /// The item's images (see ``MediaReference``); paths as written, resolved and hashed by the store.
    public var media: [MediaReference] = []

    public init(id: String, text: String, kind: ContentKind = .text, turns: [Turn] = [], group: String? = nil,
                meta: JSONValue = .object([]), scores: [ModelScore] = [], explanations: [Explanation] = [],
                decisions: [ImportedDecision] = [], gold: String? = nil, reports: Int = 0,
                createdAt: Double? = nil, source: String? = nil) {
        self.id = id
        self.text = text
        self.kind = kind
        self.turns = turns
        self.group = group
        self.meta = meta
        self.scores = scores
        self.explanations = explanations
        self.decisions = decisions
        self.gold = gold
        self.reports = reports
        self.createdAt = createdAt
        self.source = source
    }

    static let knownFields: Set<String> = [
        "id", "text", "kind", "turns", "group", "meta", "scores", "explanations", "decisions", "gold",
        "reports", "created_at", "source", "media",
    ]

    /// The members of a record object, by field.
    private struct Fields {
        var id, text, kind, turns, group, meta, scores, explanations, decisions, gold, reports, createdAt, source, media: JSONValue?
    }

    /// Validates one parsed JSON record. Errors name the field (`scores[1].score`); the caller adds file and line.
    public static func from(_ value: JSONValue) throws(InputError) -> ImportRecord {
        guard case .object(let members) = value else {
            throw InputError("a record must be a JSON object, not \(value.typeDescription)")
        }
        // One pass files each member under its field (the parser has refused a repeated name already);
        // looking each field up by name scanned every member a dozen times per record.
        var fields = Fields()
        for (key, member) in members {
            switch key {
            case "id": fields.id = member
            case "text": fields.text = member
            case "kind": fields.kind = member
            case "turns": fields.turns = member
            case "group": fields.group = member
            case "meta": fields.meta = member
            case "scores": fields.scores = member
            case "explanations": fields.explanations = member
            case "decisions": fields.decisions = member
            case "gold": fields.gold = member
            case "reports": fields.reports = member
            case "created_at": fields.createdAt = member
            case "source": fields.source = member
            case "media": fields.media = member
            default:
                throw InputError(field: key, "unknown field (known fields: \(knownFields.sorted().joined(separator: ", ")))")
            }
        }
        let id = try identifier(fields.id, field: "id", required: true)!
        guard let textValue = fields.text, !textValue.isNull else { throw InputError(field: "text", "is required") }
        guard case .string(let text) = textValue else { throw InputError(field: "text", "must be a string, not \(textValue.typeDescription)") }

        var record = ImportRecord(id: id, text: text)
        if let kind = try optionalString(fields.kind, field: "kind") {
            guard let parsed = ContentKind(rawValue: kind) else {
                throw InputError(field: "kind", "must be one of text, conversation, url (not '\(kind)')")
            }
            record.kind = parsed
        }
        if let turns = try optionalArray(fields.turns, field: "turns", limit: ImportLimits.turns) {
            record.turns = try turns.enumerated().map { (index, turn) throws(InputError) -> Turn in
                func field() -> String { "turns[\(index)]" }
                let member = try fieldValues(turn, of: ["speaker", "text"], field: field(), shape: "{speaker, text}")
                let speaker = try optionalString(member[0], field: field() + ".speaker") ?? ""
                guard let turnText = try optionalString(member[1], field: field() + ".text", allowNUL: true) else {
                    throw InputError(field: field() + ".text", "is required")
                }
                return Turn(speaker: speaker, text: turnText)
            }
            if record.kind == .text, !record.turns.isEmpty { record.kind = .conversation }
        }
        record.group = try identifier(fields.group, field: "group", required: false)
        if let meta = fields.meta, !meta.isNull {
            guard case .object = meta else { throw InputError(field: "meta", "must be an object, not \(meta.typeDescription)") }
            record.meta = meta
        }
        if let scores = try optionalArray(fields.scores, field: "scores", limit: ImportLimits.scores) {
            record.scores = try scores.enumerated().map { (index, score) throws(InputError) in
                try parseScore(score, field: "scores[\(index)]")
            }
        }
        // Before the explanations: their spans may point into an image's alt text.
        if let media = try optionalArray(fields.media, field: "media", limit: maximumMediaPerRecord) { record.media = try parseMedia(media) }
        if let explanations = try optionalArray(fields.explanations, field: "explanations", limit: ImportLimits.explanations) {
            let codePoints = codePointCount(text)
            let altLengths = record.media.map { codePointCount($0.alt ?? "") }
            record.explanations = try explanations.enumerated().map { (index, explanation) throws(InputError) in
                try parseExplanation(explanation, field: "explanations[\(index)]", textLength: codePoints, altLengths: altLengths)
            }
        }
        if let decisions = try optionalArray(fields.decisions, field: "decisions", limit: ImportLimits.decisions) {
            record.decisions = try decisions.enumerated().map { (index, decision) throws(InputError) in
                try parseDecision(decision, field: "decisions[\(index)]")
            }
        }
        record.gold = try identifier(fields.gold, field: "gold", required: false)
        if let reports = try wholeNumber(fields.reports, field: "reports", in: 0...ImportLimits.reports) {
            record.reports = reports
        }
        if let created = fields.createdAt, !created.isNull {
            record.createdAt = try time(created, field: "created_at")
        }
        record.source = try optionalString(fields.source, field: "source")
        return record
    }
}
