#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocketCore

/// An export's files in a folder on disk (an ``ExportDestination``): each file an ``ExportFile``, and the
/// images of `--copy-media` copied in through one.
public struct ExportFolderFiles: ExportDestination {
    /// The folder written (the export's temporary folder, which must exist).
    public let folder: String

    /// Files written into `folder`.
    public init(folder: String) {
        self.folder = folder
    }

    /// Creates (or empties) `folder/relativePath`; throws ``DocketError/io(_:)`` naming the path when it cannot.
    public func create(_ relativePath: String) throws(DocketError) -> any ExportSink {
        try ExportFile(folder: folder, relativePath: relativePath)
    }

    /// Copies `source` into `folder/relativePath` a megabyte at a time, hashing it on the way.
    public func copy(_ source: String, to relativePath: String) throws(DocketError) -> (bytes: Int64, sha256: String) {
        let file = try ExportFile(folder: folder, relativePath: relativePath)
        let fd = open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .notFound("image \(source) cannot be read for --copy-media: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw .io("cannot read \(source): \(String(cString: strerror(errno)))") }
            if count == 0 { break }
            try file.write(Array(buffer[..<count]))
        }
        let digest = try file.finish()
        return (file.byteCount, digest)
    }
}
