#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif

/// A file an export writes: bytes are buffered, written in large chunks, and hashed (SHA-256) on the
/// way out so that the manifest can list every file's checksum without reading it back.
public final class ExportFile {
    /// The path relative to the export folder (`data/train.jsonl`), as the manifest names it.
    public let relativePath: String
    /// Bytes written so far.
    public private(set) var byteCount: Int64 = 0
    /// Rows written (counted by the caller through ``countRow()``).
    public private(set) var rows = 0
    private let fd: Int32
    private var hasher = SHA256()
    private var pending: [UInt8] = []
    private let flushSize = 1 << 20

    /// Creates (or truncates) `folder/relativePath`, creating the intermediate folder when needed.
    public init(folder: String, relativePath: String) throws(DocketError) {
        self.relativePath = relativePath
        let path = folder + "/" + relativePath
        if let slash = relativePath.lastIndex(of: "/") {
            let directory = folder + "/" + relativePath[..<slash]
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw .refused("cannot create folder \(directory): \(String(cString: strerror(errno)))")
            }
        }
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .refused("cannot write \(path): \(String(cString: strerror(errno)))") }
        pending.reserveCapacity(flushSize + 65_536)
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    /// Appends bytes; they reach the disk when the buffer fills or on ``finish()``.
    public func write(_ bytes: [UInt8]) throws(DocketError) {
        pending.append(contentsOf: bytes)
        if pending.count >= flushSize { try flush() }
    }

    /// Appends the UTF-8 bytes of `text`.
    public func write(_ text: String) throws(DocketError) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= flushSize { try flush() }
    }

    /// Counts one more row for the manifest.
    public func countRow() { rows += 1 }

    /// Writes what is buffered, syncs the file to disk, and returns its SHA-256 (hex).
    public func finish() throws(DocketError) -> String {
        try flush()
        guard fsync(fd) == 0 else { throw .refused("cannot sync \(relativePath): \(String(cString: strerror(errno)))") }
        return hasher.finalizeHex()
    }

    private func flush() throws(DocketError) {
        guard !pending.isEmpty else { return }
        let failure: Int32? = pending.withUnsafeBufferPointer { buffer in
            hasher.update(bytes: buffer)
            var offset = 0
            while offset < buffer.count {
                let written = systemWrite(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let failure { throw .refused("cannot write \(relativePath): \(String(cString: strerror(failure)))") }
        byteCount += Int64(pending.count)
        pending.removeAll(keepingCapacity: true)
    }
}
