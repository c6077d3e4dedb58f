/// Validation of an import record's `media` list: `[{path, mime, alt, sha256, regions: [{x, y, w, h, label, weight}]}]`.
/// Unknown fields are refused at every level, with the field's full path (`media[0].regions[2].colour`),
/// as everywhere in a record (``fieldValues(_:of:field:shape:)``). Paths are only checked for form here;
/// the store resolves them against the import file and hashes the files.
extension ImportRecord {
    /// The most images one record may carry: a review screen shows one at a time, and a list of
    /// thousands is a mistake in the file, not an item.
    public static let maximumMediaPerRecord = 64
    /// The largest coordinate a region may have (pixels): larger than any image the review screen decodes.
    public static let maximumRegionCoordinate = 1_000_000.0

    static func parseMedia(_ list: [JSONValue]) throws(InputError) -> [MediaReference] {
        try list.enumerated().map { (index, entry) throws(InputError) in
            try parseMediaEntry(entry, field: "media[\(index)]")
        }
    }

    private static func parseMediaEntry(_ value: JSONValue, field: String) throws(InputError) -> MediaReference {
        let member = try fieldValues(value, of: ["path", "mime", "alt", "sha256", "regions"], field: field,
                                     shape: "{path, mime, alt, sha256, regions}")
        guard let path = try optionalString(member[0], field: field + ".path"), !path.isEmpty else {
            throw InputError(field: field + ".path", "is required (a file path relative to the import file, an absolute path or a URL)")
        }
        let mime = try optionalString(member[1], field: field + ".mime")
        if let mime, !mime.hasPrefix("image/") {
            throw InputError(field: field + ".mime", "must be an image type such as image/png, not '\(mime)'")
        }
        let alt = try optionalString(member[2], field: field + ".alt")
        let sha = try optionalString(member[3], field: field + ".sha256")
        if let sha, sha.count != 64 || !sha.allSatisfy({ $0.isHexDigit }) {
            throw InputError(field: field + ".sha256", "must be 64 hexadecimal digits (the file's SHA-256)")
        }
        var regions: [MediaRegion] = []
        if let list = try optionalArray(member[4], field: field + ".regions", limit: ImportLimits.spans) {
            regions = try list.enumerated().map { (index, region) throws(InputError) in
                try parseRegion(region, field: "\(field).regions[\(index)]")
            }
        }
        return MediaReference(path: path, mime: mime, alt: alt, sha256: sha?.lowercased(), regions: regions)
    }

    private static func parseRegion(_ value: JSONValue, field: String) throws(InputError) -> MediaRegion {
        let member = try fieldValues(value, of: ["x", "y", "w", "h", "label", "weight"], field: field,
                                     shape: "{x, y, w, h, label, weight}")
        func coordinate(_ index: Int, _ name: String, positive: Bool) throws(InputError) -> Double {
            guard let n = try number(member[index], field: field + "." + name) else {
                throw InputError(field: field + "." + name, "is required (pixels from the image's top left)")
            }
            let low = positive ? "greater than 0" : "0 or more"
            guard positive ? n > 0 : n >= 0, n <= maximumRegionCoordinate else {
                throw InputError(field: field + "." + name, "must be \(low) and at most \(Int(maximumRegionCoordinate)), not \(n)")
            }
            return n
        }
        return MediaRegion(x: try coordinate(0, "x", positive: false), y: try coordinate(1, "y", positive: false),
                           width: try coordinate(2, "w", positive: true), height: try coordinate(3, "h", positive: true),
                           label: try optionalString(member[4], field: field + ".label"),
                           weight: try number(member[5], field: field + ".weight"))
    }

    /// The `media` index of an explanation span: a whole number naming one of the record's images.
    static func spanMedia(_ value: JSONValue?, field: @autoclosure () -> String, count: Int) throws(InputError) -> Int? {
        guard let n = try number(value, field: field()) else { return nil }
        guard count > 0 else { throw InputError(field: field(), "points into an image's alt text, but the record has no media") }
        guard n == n.rounded(), n >= 0, n < Double(count) else {
            throw InputError(field: field(), "must name one of the record's images (0 to \(count - 1)), not \(n)")
        }
        return Int(n)
    }
}
