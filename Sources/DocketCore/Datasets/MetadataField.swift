/// A top-level field of an item's metadata read as text, the one way `--slice`, `--stratify` and `--split-by`
/// see a metadata value: a string as it is, a number or boolean as its JSON text, null or missing as none.
public struct MetadataField: Sendable, Equatable {
    /// The field's name (without `meta.`).
    public var name: String

    public init(name: String) { self.name = name }

    /// The field of `meta.FIELD`, or nil when `text` is not of that form.
    public init?(option text: String) {
        guard text.hasPrefix("meta."), text.count > 5 else { return nil }
        name = String(text.dropFirst(5))
    }

    /// The field's value in a metadata object given as JSON text (nil when missing, null or the text is not JSON).
    public func value(inJSON metaJSON: String) -> String? {
        guard let value = (try? JSONParser.parse(metaJSON))?[name] else { return nil }
        switch value {
        case .null: return nil
        case .string(let text): return text
        default: return JSONWriter.string(value)
        }
    }
}
