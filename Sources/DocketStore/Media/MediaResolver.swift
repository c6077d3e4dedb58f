import Foundation
import DocketCore

/// Resolves the image paths of import records against the import file's folder, refuses any that lead
/// outside the allowed folders (through `..` or a symbolic link), and hashes each file (SHA-256) so that
/// the review screen notices a file changed since the import. URLs are kept as text and never fetched.
public struct MediaResolver: Sendable {
    /// The largest image file an import accepts: bigger files are not pictures a reviewer needs in a terminal.
    public static let maximumFileBytes = 64 << 20

    /// The folder relative paths start from (the import file's), with symbolic links resolved.
    public let baseFolder: String
    /// Folders an image may lie in, with symbolic links resolved: the import file's folder and any named roots.
    public let allowedFolders: [String]

    /// A resolver for records read from `importFile` ("-" for standard input: the working folder), allowing
    /// images inside that file's folder and inside each of `roots`.
    public init(importFile: String, roots: [String] = []) {
        let folder = importFile == "-" ? FileManager.default.currentDirectoryPath
            : (importFile as NSString).deletingLastPathComponent
        baseFolder = Self.realPath(folder.isEmpty ? "." : folder) ?? folder
        allowedFolders = [baseFolder] + roots.compactMap { Self.realPath($0) }
    }

    /// `reference` with its resolved path, size and SHA-256 filled in (a URL unchanged).
    /// Throws an ``InputError`` naming `field` (`media[0].path`) when the file is missing, not a regular file,
    /// outside the allowed folders, too large, or not the bytes the record's `sha256` names.
    public func resolve(_ reference: MediaReference, field: String) throws(InputError) -> MediaReference {
        if reference.isURL { return reference }
        var resolved = reference
        let joined = reference.path.hasPrefix("/") ? reference.path : baseFolder + "/" + reference.path
        guard let real = Self.realPath(joined) else {
            throw InputError(field: field + ".path", "'\(reference.path)' does not exist (relative paths start at the import file's folder, \(baseFolder))")
        }
        guard allowedFolders.contains(where: { real.hasPrefix($0 == "/" ? "/" : $0 + "/") }) else {
            throw InputError(field: field + ".path", "'\(reference.path)' resolves to \(real), outside the allowed folders (\(allowedFolders.joined(separator: ", "))); add --media-root to allow another folder")
        }
        var info = stat()
        guard stat(real, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw InputError(field: field + ".path", "'\(reference.path)' is not a regular file")
        }
        guard Int(info.st_size) <= Self.maximumFileBytes else {
            throw InputError(field: field + ".path", "'\(reference.path)' is \(info.st_size) bytes; images of at most \(Self.maximumFileBytes >> 20) MB are accepted")
        }
        guard let digest = Self.sha256(ofFile: real, limit: Self.maximumFileBytes) else {
            throw InputError(field: field + ".path", "'\(reference.path)' cannot be read")
        }
        if let expected = reference.sha256, expected != digest.hex {
            throw InputError(field: field + ".sha256", "is \(expected), but the file's SHA-256 is \(digest.hex)")
        }
        resolved.resolvedPath = real
        resolved.sha256 = digest.hex
        resolved.bytes = digest.bytes
        return resolved
    }

    /// `path` with symbolic links, `.` and `..` resolved, or nil when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    /// The SHA-256 (lower-case hex) and size of the file at `path`, read in blocks; nil when it cannot be
    /// read or holds more than `limit` bytes.
    public static func sha256(ofFile path: String, limit: Int) -> (hex: String, bytes: Int)? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        var hasher = SHA256()
        var total = 0
        while true {
            let next: Data?
            do { next = try file.read(upToCount: 1 << 20) } catch { return nil }
            // nil or empty: the end of the file.
            guard let block = next, !block.isEmpty else { break }
            total += block.count
            if total > limit { return nil }
            block.withUnsafeBytes { hasher.update(bytes: $0.bindMemory(to: UInt8.self)) }
        }
        return (hasher.finalizeHex(), total)
    }
}
