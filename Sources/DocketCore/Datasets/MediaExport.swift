/// The images of an export. Each row's images are written with their SHA-256 and the path of the file;
/// with `--copy-media` each distinct image is copied once into the export folder as
/// `media/<sha256>.<ext>` (content-addressed: the same picture in two items is one file), the copy is
/// checked against the hash stored at import, and every copy is listed in the manifest's files.
public final class MediaExport {
    /// Where the export's files go (the export's temporary folder).
    private let destination: any ExportDestination
    private let copies: Bool
    /// Relative path of each image copied so far, by SHA-256.
    private var copied: [String: String] = [:]
    /// The copies, for the manifest.
    public private(set) var files: [ExportManifest.File] = []

    /// The images of an export to `destination`; `copies` copies them into it (`--copy-media`).
    public init(destination: any ExportDestination, copies: Bool) {
        self.destination = destination
        self.copies = copies
    }

    /// `stored` (``MediaCoding``'s form) as the row shows it: each file image at its resolved path, or at its
    /// copy's path inside the export with `--copy-media`. Throws when a file is missing or changed since import.
    public func exported(_ stored: String) throws(DocketError) -> [MediaReference] {
        var media = MediaCoding.decode(stored)
        for index in media.indices where !media[index].isURL {
            let source = media[index].resolvedPath ?? media[index].path
            media[index].resolvedPath = nil
            media[index].path = source
            guard copies, let sha = media[index].sha256 else { continue }
            media[index].path = try copy(source, sha256: sha, mime: media[index].mime)
        }
        return media
    }

    /// Copies `source` to `media/<sha256>.<ext>` once; returns the relative path.
    private func copy(_ source: String, sha256: String, mime: String?) throws(DocketError) -> String {
        if let done = copied[sha256] { return done }
        let relative = "media/" + sha256 + "." + Self.fileExtension(mime: mime, path: source)
        let (bytes, digest) = try destination.copy(source, to: relative)
        guard digest == sha256 else {
            throw .conflict("image \(source) changed since it was imported (SHA-256 \(digest), stored \(sha256)); re-import its item, then export again")
        }
        copied[sha256] = relative
        files.append(.init(path: relative, rows: 0, bytes: bytes, sha256: digest))
        return relative
    }

    /// The extension a copy gets: from the declared type, else the source's own, else `bin`.
    static func fileExtension(mime: String?, path: String) -> String {
        switch mime?.lowercased() {
        case "image/png": return "png"
        case "image/jpeg", "image/jpg": return "jpg"
        case "image/gif": return "gif"
        case "image/webp": return "webp"
        default:
            let name = path.split(separator: "/").last.map(String.init) ?? ""
            guard let dot = name.lastIndex(of: "."), name.index(after: dot) < name.endIndex else { return "bin" }
            let ext = name[name.index(after: dot)...].lowercased()
            return ext.count <= 5 && ext.allSatisfy({ $0.isLetter || $0.isNumber }) ? ext : "bin"
        }
    }
}
