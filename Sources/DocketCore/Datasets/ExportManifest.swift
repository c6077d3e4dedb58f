/// The `manifest.json` every export writes: what was exported, from where, how, and the SHA-256 of
/// every file, so that a training run can record exactly which data it saw and check it is intact.
/// It holds no clock time, so the same database and arguments give the same manifest byte for byte.
public struct ExportManifest: Sendable {
    /// One written file.
    public struct File: Sendable {
        public var path: String
        public var rows: Int
        public var bytes: Int64
        public var sha256: String

        public init(path: String, rows: Int, bytes: Int64, sha256: String) {
            self.path = path
            self.rows = rows
            self.bytes = bytes
            self.sha256 = sha256
        }
    }

    public var docketVersion: String
    /// The command line (program name first) as given.
    public var command: [String]
    public var queue: String
    public var format: String
    public var method: String
    public var plan: SplitPlan
    public var seed: UInt64
    /// The filters as name/value pairs, in the order the manual lists them.
    public var filters: [(String, JSONValue)]
    /// Identity of the database the rows came from (see `ReviewStore.exportIdentity`).
    public var database: [(String, JSONValue)]
    public var redaction: MetadataRedaction
    public var summary: ExportSummary
    public var files: [File]
    /// How items were kept together and spread (`min_shared_text`, `stratify`, `split_by`, `max_label_drift`).
    public var splitRule: [(String, JSONValue)] = []

    public init(docketVersion: String, command: [String], queue: String, format: String, method: String,
                plan: SplitPlan, seed: UInt64, filters: [(String, JSONValue)], database: [(String, JSONValue)],
                redaction: MetadataRedaction, summary: ExportSummary, files: [File]) {
        self.docketVersion = docketVersion
        self.command = command
        self.queue = queue
        self.format = format
        self.method = method
        self.plan = plan
        self.seed = seed
        self.filters = filters
        self.database = database
        self.redaction = redaction
        self.summary = summary
        self.files = files
    }

    /// The manifest as a JSON value (key order fixed).
    public var json: JSONValue {
        func number(_ value: Int) -> JSONValue { .number(String(value)) }
        func share(_ value: Double?) -> JSONValue {
            guard let value else { return .null }
            var writer = JSONWriter(capacity: 16)
            JSONLRowWriter.writeShare(value, to: &writer)
            return .number(String(decoding: writer.bytes, as: UTF8.self))
        }
        var splits: [(String, JSONValue)] = []
        for (index, part) in plan.shares.enumerated() {
            splits.append((part.name, .object([
                ("fraction", .number(SplitPlan.formatFraction(part.fraction))),
                ("items", number(summary.rows(inSplit: index))),
                ("groups", number(summary.groupsPerSplit[index])),
                ("largest_component", number(summary.largestComponentPerSplit[index])),
                ("labels", summary.labelCounts(split: index)),
                ("label_drift", share(summary.labelDrift(split: index))),
            ])))
        }
        let excluded = summary.excluded.keys.sorted().map { ($0, number(summary.excluded[$0]!)) }
        let sources = summary.labelSources.keys.sorted().map { ($0, number(summary.labelSources[$0]!)) }
        return .object([
            ("manifest_version", number(1)),
            ("docket_version", .string(docketVersion)),
            ("command", .array(command.map { .string($0) })),
            ("queue", .string(queue)),
            ("database", .object(database)),
            ("format", .string(format)),
            ("method", .string(method)),
            ("split", .string(plan.description)),
            ("seed", .number(String(seed))),
            ("split_rule", .object(splitRule)),
            ("filters", .object(filters)),
            ("redaction", .object([
                ("fields", .array(redaction.fields.sorted().map { .string($0) })),
                ("action", .string(redaction.action.rawValue)),
            ])),
            ("counts", .object([
                ("items", number(summary.totalRows)),
                ("splits", .object(splits)),
                ("excluded", .object(excluded)),
                ("components_too_large", .array(summary.oversizedComponents.map { component in
                    .object([("items", number(component.size)), ("split", .string(plan.shares[component.split].name))])
                })),
            ])),
            ("warnings", .array(summary.warnings.map { .string($0) })),
            ("agreement", .object([
                ("mean_item_agreement", share(summary.meanAgreement)),
                ("unanimous_share", share(summary.unanimousShare)),
                ("mean_reviewers", share(summary.meanReviewers)),
                ("label_sources", .object(sources)),
            ])),
            ("files", .array(files.map { file in
                .object([("path", .string(file.path)), ("rows", number(file.rows)),
                         ("bytes", .number(String(file.bytes))), ("sha256", .string(file.sha256))])
            })),
        ])
    }

    /// The manifest as indented JSON text with a final newline.
    public var text: String { Self.indented(json, depth: 0) + "\n" }

    static func indented(_ value: JSONValue, depth: Int) -> String {
        let pad = String(repeating: "  ", count: depth + 1), close = String(repeating: "  ", count: depth)
        switch value {
        case .object(let members) where !members.isEmpty:
            let inner = members.map { pad + JSONWriter.quoted($0.0) + ": " + indented($0.1, depth: depth + 1) }
            return "{\n" + inner.joined(separator: ",\n") + "\n" + close + "}"
        case .array(let elements) where elements.contains(where: { $0.objectValue != nil }):
            let inner = elements.map { pad + indented($0, depth: depth + 1) }
            return "[\n" + inner.joined(separator: ",\n") + "\n" + close + "]"
        default:
            return JSONWriter.string(value)
        }
    }
}
