import Dispatch
import DocketCore

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

/// A file an export writes on disk (an ``ExportSink``): bytes are buffered, written in large chunks, and hashed (SHA-256) on the
/// way out so that the manifest can list every file's checksum without reading it back.
///
/// Hashing and writing a full chunk happen on a background thread while the caller fills the next
/// chunk: SHA-256 over every byte of a large export costs about as much as producing the rows, and the
/// two overlap on a second core. Chunks are hashed and written strictly in order (one in flight at a time).
public final class ExportFile: ExportSink {
    /// The path relative to the export folder (`data/train.jsonl`), as the manifest names it.
    public let relativePath: String
    /// Bytes written so far (handed to the writer, whether or not they reached the disk yet).
    public private(set) var byteCount: Int64 = 0
    private let sink: ChunkSink
    private var pending: [UInt8] = []
    private let flushSize = 1 << 20

    /// Creates (or truncates) `folder/relativePath`, creating the intermediate folder when needed; throws
    /// ``DocketError/io(_:)`` naming the path when it cannot.
    public init(folder: String, relativePath: String) throws(DocketError) {
        self.relativePath = relativePath
        let path = folder + "/" + relativePath
        if let slash = relativePath.lastIndex(of: "/") {
            let directory = folder + "/" + relativePath[..<slash]
            if mkdir(directory, 0o755) != 0 && errno != EEXIST {
                throw .io("cannot create folder \(directory): \(String(cString: strerror(errno)))")
            }
        }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw .io("cannot write \(path): \(String(cString: strerror(errno)))") }
        sink = ChunkSink(fd: fd, relativePath: relativePath)
        pending.reserveCapacity(flushSize + 65_536)
    }

    deinit {
        sink.waitForChunk()
        close(sink.fd)
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

    /// Writes what is buffered, syncs the file to disk, and returns its SHA-256 (hex).
    public func finish() throws(DocketError) -> String {
        try flush()
        sink.waitForChunk()
        if let failure = sink.failure { throw failure }
        guard fsync(sink.fd) == 0 else { throw .io("cannot sync \(relativePath): \(String(cString: strerror(errno)))") }
        return sink.hasher.finalizeHex()
    }

    /// Hands the buffer to the background writer (after the previous chunk is done) and takes back a spare.
    private func flush() throws(DocketError) {
        guard !pending.isEmpty else { return }
        sink.waitForChunk()
        if let failure = sink.failure { throw failure }
        byteCount += Int64(pending.count)
        var chunk = sink.spare
        sink.spare = []
        swap(&chunk, &pending)
        pending.removeAll(keepingCapacity: true)
        if pending.capacity < flushSize { pending.reserveCapacity(flushSize + 65_536) }
        sink.start(chunk)
    }
}

/// The background half of an ``ExportFile``: hashes and writes one chunk at a time on its own queue.
/// Its state is touched by the writer thread only while a chunk is in flight, and by the owner only
/// after `waitForChunk()`, hence the unchecked `Sendable`.
private final class ChunkSink: @unchecked Sendable {
    let fd: Int32
    let relativePath: String
    var hasher = SHA256()
    var failure: DocketError?
    /// The buffer of the last chunk written, kept for reuse.
    var spare: [UInt8] = []
    private let queue = DispatchQueue(label: "docket.export-file")
    private let idle = DispatchSemaphore(value: 1)

    init(fd: Int32, relativePath: String) {
        self.fd = fd
        self.relativePath = relativePath
    }

    /// Blocks until no chunk is in flight.
    func waitForChunk() {
        idle.wait()
        idle.signal()
    }

    /// Hashes and writes `chunk` in the background.
    func start(_ chunk: [UInt8]) {
        idle.wait()
        queue.async { [self] in
            write(chunk)
            spare = chunk
            idle.signal()
        }
    }

    private func write(_ chunk: [UInt8]) {
        guard failure == nil else { return }
        let code: Int32? = chunk.withUnsafeBufferPointer { buffer in
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
        if let code { failure = .io("cannot write \(relativePath): \(String(cString: strerror(code)))") }
    }
}
