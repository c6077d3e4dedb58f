/// Removes or hashes the metadata fields a queue names as personal data (`personal_data` in the queue
/// file) before an item leaves Docket in an export.
public struct MetadataRedaction: Sendable {
    /// Top-level metadata keys that hold personal data.
    public var fields: Set<String>
    public var action: PersonalDataAction
    /// Mixed into hashes so that the same user name gives the same token within one dataset (rows can
    /// still be grouped by it) without being a plain SHA-256 of the name that anyone can look up.
    public var salt: String

    public init(fields: [String], action: PersonalDataAction, salt: String) {
        self.fields = Set(fields)
        self.action = action
        self.salt = salt
    }

    /// The redaction a queue asks for; `salt` should be stable for the database (its identity) so
    /// that exports stay reproducible.
    public init(queue: QueueDefinition, salt: String) {
        self.init(fields: queue.personalData, action: queue.personalDataAction, salt: salt)
    }

    /// Whether nothing needs redacting.
    public var isEmpty: Bool { fields.isEmpty }

    /// `metaJSON` (compact JSON text) redacted; returned as it is when there is nothing to redact or it is not an object.
    public func apply(json metaJSON: String) -> String {
        guard !fields.isEmpty else { return metaJSON }
        if let plain = metaJSON.utf8.withContiguousStorageIfAvailable({ applyPlain($0) }) ?? nil {
            return String(decoding: plain, as: UTF8.self)
        }
        guard let meta = try? JSONParser.parse(metaJSON) else { return metaJSON }
        return JSONWriter.string(apply(meta))
    }

    /// `meta` with every personal-data member dropped, or replaced by `sha256:<hex>` of the salted value.
    public func apply(_ meta: JSONValue) -> JSONValue {
        guard !fields.isEmpty, case .object(let members) = meta else { return meta }
        var kept: [(String, JSONValue)] = []
        kept.reserveCapacity(members.count)
        for (key, value) in members {
            guard fields.contains(key) else {
                kept.append((key, value))
                continue
            }
            switch action {
            case .drop: continue
            case .hash:
                if value.isNull {
                    kept.append((key, .null))
                } else {
                    kept.append((key, .string("sha256:" + SHA256.hex(salt + "\u{1F}" + JSONWriter.string(value)))))
                }
            }
        }
        return .object(kept)
    }
}
