/// One image of an item, as imported: where the file is, what it should hold (its SHA-256, so a file
/// changed since the import is noticed), its alt text or caption, and the regions a model flagged.
/// A URL is kept as text and never fetched: the review machine may have no network, and Docket opens
/// nothing it reviews without the reviewer asking.
public struct MediaReference: Equatable, Sendable {
    /// The path as the import record gave it (relative to the import file, or absolute), or the URL.
    public var path: String
    /// The file's absolute path with symbolic links resolved, checked to lie inside an allowed folder
    /// at import; nil for a URL.
    public var resolvedPath: String?
    /// The MIME type the record declared (`image/png`), if any.
    public var mime: String?
    /// Alt text, caption or OCR text: shown as text beside the picture, and a target for highlight spans.
    public var alt: String?
    /// Lower-case hex SHA-256 of the file's bytes at import; nil for a URL.
    public var sha256: String?
    /// The file's size in bytes at import; nil for a URL.
    public var bytes: Int?
    public var regions: [MediaRegion]

    public init(path: String, resolvedPath: String? = nil, mime: String? = nil, alt: String? = nil,
                sha256: String? = nil, bytes: Int? = nil, regions: [MediaRegion] = []) {
        self.path = path
        self.resolvedPath = resolvedPath
        self.mime = mime
        self.alt = alt
        self.sha256 = sha256
        self.bytes = bytes
        self.regions = regions
    }

    /// Whether `path` is a URL (kept as text, never fetched) rather than a file.
    public var isURL: Bool { Self.isURL(path) }

    /// Whether `text` names a URL: a scheme of letters, then `://`.
    public static func isURL(_ text: String) -> Bool {
        guard let range = text.range(of: "://") else { return false }
        let scheme = text[..<range.lowerBound]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+.-".contains($0)) }
    }
}
