/// The image formats Docket decodes, told apart by their first bytes (never by the file name alone:
/// a file whose bytes do not match its name or declared type is refused, not guessed at).
public enum ImageFormat: String, Equatable, Sendable, CaseIterable {
    case png, jpeg, gif, webp

    /// The format the bytes start with, or nil for anything else (SVG, text, a truncated header).
    public static func sniff<Bytes: Collection>(_ bytes: Bytes) -> ImageFormat? where Bytes.Element == UInt8 {
        let head = Array(bytes.prefix(12))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .gif }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// The format a MIME type names (`image/jpeg`, `image/jpg`), or nil when it names none of these.
    public init?(mime: String) {
        switch mime.lowercased() {
        case "image/png": self = .png
        case "image/jpeg", "image/jpg", "image/pjpeg": self = .jpeg
        case "image/gif": self = .gif
        case "image/webp": self = .webp
        default: return nil
        }
    }

    /// The format a file name's extension names, or nil for another or no extension.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: "."), !fileName[dot...].contains("/") else { return nil }
        switch fileName[fileName.index(after: dot)...].lowercased() {
        case "png": self = .png
        case "jpg", "jpeg", "jpe": self = .jpeg
        case "gif": self = .gif
        case "webp": self = .webp
        default: return nil
        }
    }

    /// The name of gdk-pixbuf's loader for this format: decoding is pinned to it, so bytes are never
    /// handed to another loader (SVG, ICO and others are not for untrusted pictures in a terminal).
    var loaderName: String { rawValue }

    /// The MIME type, as exports and `next --json` print it.
    public var mime: String { "image/" + rawValue }
}
