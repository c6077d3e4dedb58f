/// The stored and printed form of an item's images: a JSON list
/// `[{path, resolved_path, mime, alt, sha256, bytes, regions: [{x, y, w, h, label, weight}]}]`.
/// The same shape is stored in the database, printed by `docket next --json` and written by exports.
public enum MediaCoding {
    /// The list as a JSON value; absent optional fields are left out.
    public static func json(_ media: [MediaReference]) -> JSONValue {
        .array(media.map { reference in
            var members: [(String, JSONValue)] = [("path", .string(reference.path))]
            if let resolved = reference.resolvedPath { members.append(("resolved_path", .string(resolved))) }
            if let mime = reference.mime { members.append(("mime", .string(mime))) }
            if let alt = reference.alt { members.append(("alt", .string(alt))) }
            if let sha = reference.sha256 { members.append(("sha256", .string(sha))) }
            if let bytes = reference.bytes { members.append(("bytes", .number(String(bytes)))) }
            members.append(("regions", .array(reference.regions.map(region))))
            return .object(members)
        })
    }

    /// One region as JSON, with the import format's short names (`w`, `h`).
    static func region(_ region: MediaRegion) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("x", number(region.x)), ("y", number(region.y)), ("w", number(region.width)), ("h", number(region.height)),
        ]
        if let label = region.label { members.append(("label", .string(label))) }
        if let weight = region.weight { members.append(("weight", number(weight))) }
        return .object(members)
    }

    /// Whole numbers print without a fraction (`12`, not `12.0`), as they were written.
    private static func number(_ value: Double) -> JSONValue {
        if value == value.rounded(), abs(value) < 1e15 { return .number(String(Int64(value))) }
        return .number(String(value))
    }

    /// The stored text of `media` (empty list for an item without images).
    public static func encode(_ media: [MediaReference]) -> String {
        media.isEmpty ? "[]" : JSONWriter.string(json(media))
    }

    /// Reads the stored list back; malformed entries are dropped rather than shown wrongly.
    public static func decode(_ text: String) -> [MediaReference] {
        guard text != "[]", let value = try? JSONParser.parse(text), let list = value.arrayValue else { return [] }
        return list.compactMap { entry in
            guard let path = entry["path"]?.stringValue else { return nil }
            let regions: [MediaRegion] = (entry["regions"]?.arrayValue ?? []).compactMap { r in
                guard let x = r["x"]?.doubleValue, let y = r["y"]?.doubleValue,
                      let w = r["w"]?.doubleValue, let h = r["h"]?.doubleValue else { return nil }
                return MediaRegion(x: x, y: y, width: w, height: h, label: r["label"]?.stringValue, weight: r["weight"]?.doubleValue)
            }
            return MediaReference(path: path, resolvedPath: entry["resolved_path"]?.stringValue, mime: entry["mime"]?.stringValue,
                                  alt: entry["alt"]?.stringValue, sha256: entry["sha256"]?.stringValue,
                                  bytes: entry["bytes"]?.doubleValue.map { Int($0) }, regions: regions)
        }
    }
}
