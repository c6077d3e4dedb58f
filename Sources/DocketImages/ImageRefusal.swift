/// Why an image is not drawn: the placeholder the review screen shows in its place says this.
public enum ImageRefusal: Error, Equatable, Sendable, CustomStringConvertible {
    /// A URL: kept as text, never fetched.
    case url(String)
    /// Image drawing is off (`--no-images`).
    case disabled
    case missing(String)
    /// The path now leads elsewhere than at import (a symbolic link was put in its way).
    case pathChanged(String)
    /// The file's bytes differ from those hashed at import.
    case changedSinceImport
    case tooLarge(bytes: Int, limit: Int)
    /// The bytes are not an image format Docket decodes.
    case unknownFormat
    /// The bytes are one format, the name or declared type another.
    case formatMismatch(actual: ImageFormat, declared: String)
    /// The header claims more pixels than the limit (a decompression bomb, or just too big).
    case tooManyPixels(width: Int, height: Int, limit: Int)
    /// The decoder failed: a truncated or corrupt file, or no loader for the format.
    case undecodable(String)

    public var description: String {
        switch self {
        case .url(let url): return "not fetched (a URL; Docket never fetches what it reviews): \(url)"
        case .disabled: return "images are off (--no-images)"
        case .missing(let path): return "file not found: \(path)"
        case .pathChanged(let path): return "refused: the path now leads elsewhere than at import (a symbolic link?): \(path)"
        case .changedSinceImport: return "refused: the file changed since it was imported (its SHA-256 differs); re-import the item"
        case .tooLarge(let bytes, let limit): return "refused: the file is \(bytes) bytes, more than the \(limit >> 20) MB limit"
        case .unknownFormat: return "refused: not a PNG, JPEG, GIF or WebP image"
        case .formatMismatch(let actual, let declared): return "refused: the bytes are \(actual.rawValue.uppercased()) but the file says \(declared)"
        case .tooManyPixels(let width, let height, let limit):
            return "refused: \(width) x \(height) pixels is more than the \(limit / 1_000_000) megapixel limit (a decompression bomb?)"
        case .undecodable(let reason): return "cannot be decoded: \(reason)"
        }
    }
}
