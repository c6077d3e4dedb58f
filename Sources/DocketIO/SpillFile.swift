#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocketCore

/// A nameless temporary file for an export's working data (a ``SpillStore``): created in a folder
/// (``SpillFolder``: `$TMPDIR`, else `/tmp`) and unlinked at once, so it takes no name and disappears when
/// it is released or the process ends, however it ends. Reads and writes are positioned (`pread`/`pwrite`),
/// so readers of one file do not disturb each other.
public final class SpillFile: SpillStore {
    private let fd: Int32
    /// The folder the file was created in, for error messages.
    public let folder: String

    /// Creates the file in `folder`; throws ``DocketError/io(_:)`` naming the folder (and `TMPDIR`) when it cannot.
    public init(in folder: String) throws(DocketError) {
        self.folder = folder
        var template = Array((folder + "/docket-export-XXXXXX").utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Self.failure("create a temporary file in", folder) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
    }

    deinit { close(fd) }

    /// Writes all of `bytes` at byte `offset`.
    public func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(DocketError) {
        guard bytes.count > 0 else { return }
        let fd = self.fd
        let written = Self.moveFully(bytes.count) { done in
            pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
        }
        guard written == bytes.count else { throw Self.failure("write a temporary file in", folder) }
    }

    /// Fills all of `bytes` from byte `offset`; throws when the file is shorter or cannot be read.
    public func read(into bytes: UnsafeMutableRawBufferPointer, at offset: Int) throws(DocketError) {
        guard bytes.count > 0 else { return }
        let fd = self.fd
        let read = Self.moveFully(bytes.count) { done in
            pread(fd, bytes.baseAddress! + done, bytes.count - done, off_t(offset + done))
        }
        guard read == bytes.count else { throw Self.failure("read back a temporary file in", folder) }
    }

    /// Repeats `move(done)` (a `pread` or `pwrite` of the rest, from byte `done`) until `length` bytes
    /// have moved or it fails; returns the bytes moved.
    private static func moveFully(_ length: Int, _ move: (Int) -> Int) -> Int {
        var done = 0
        while done < length {
            let n = move(done)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return done }
            done += n
        }
        return done
    }

    private static func failure(_ action: String, _ folder: String) -> DocketError {
        .io("cannot \(action) \(folder) for the export's split (set TMPDIR to another folder): \(String(cString: strerror(errno)))")
    }
}
