import DocketCore
import Glibc

/// Opens an item's image for the review screen, checking it again as it is now (not only at import):
/// the path must still lead to the same file (no symbolic link put in its way since), the bytes must be
/// those hashed at import, the format must match what the record and the name say, and the pixel count
/// must be within the limits. Any failure is an ``ImageRefusal`` that the screen shows as a placeholder.
public enum ImageFile {
    /// The decoded picture of `reference`, or why it is not shown.
    public static func load(_ reference: MediaReference, limits: ImageLimits = .standard) -> Result<DecodedImage, ImageRefusal> {
        do throws(ImageRefusal) {
            let bytes = try verifiedBytes(reference, limits: limits)
            let format = try checkedFormat(bytes, reference: reference)
            return .success(try ImageDecoder.decode(bytes, format: format, limits: limits))
        } catch {
            return .failure(error)
        }
    }

    /// The file's bytes, when the path still resolves to where it did at import and they hash as they did.
    static func verifiedBytes(_ reference: MediaReference, limits: ImageLimits) throws(ImageRefusal) -> [UInt8] {
        if reference.isURL { throw .url(reference.path) }
        let path = reference.resolvedPath ?? reference.path
        guard let real = realPath(path) else { throw .missing(path) }
        if let stored = reference.resolvedPath, real != stored { throw .pathChanged(path) }
        let bytes = try read(real, limit: limits.maximumFileBytes)
        if let expected = reference.sha256 {
            var hasher = SHA256()
            bytes.withUnsafeBufferPointer { hasher.update(bytes: $0) }
            if hasher.finalizeHex() != expected { throw .changedSinceImport }
        }
        return bytes
    }

    /// The format of `bytes`, refused when it is none Docket decodes or differs from the declared type or name.
    static func checkedFormat(_ bytes: [UInt8], reference: MediaReference) throws(ImageRefusal) -> ImageFormat {
        guard let actual = ImageFormat.sniff(bytes) else { throw .unknownFormat }
        if let mime = reference.mime, let declared = ImageFormat(mime: mime), declared != actual {
            throw .formatMismatch(actual: actual, declared: mime)
        }
        if let named = ImageFormat(fileName: reference.path), named != actual {
            throw .formatMismatch(actual: actual, declared: "." + named.rawValue)
        }
        return actual
    }

    /// The whole file at `path`, refused when larger than `limit` (read no further than the limit).
    static func read(_ path: String, limit: Int) throws(ImageRefusal) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw .missing(path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { throw .undecodable("not a regular file") }
        guard Int(info.st_size) <= limit else { throw .tooLarge(bytes: Int(info.st_size), limit: limit) }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { break }
            done += n
        }
        return Array(bytes.prefix(done))
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}
