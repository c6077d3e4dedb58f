#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocketCore

/// Reads a file (or standard input) line by line in constant memory (a ``LineSource``): only the current line and one
/// read buffer are held, whatever the size of the file. Lines may end in `\n` or `\r\n`.
public final class LineReader: LineSource {
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0
    /// Bytes consumed so far, for progress reporting.
    public private(set) var bytesRead: Int64 = 0

    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var line: [UInt8] = []

    /// Opens `path` for reading; `-` means standard input. Throws an ``InputError`` naming the file when it
    /// cannot be opened.
    public init(path: String, chunkSize: Int = 1 << 20) throws(InputError) {
        if path == "-" {
            fd = 0
            ownsDescriptor = false
        } else {
            fd = open(path, O_RDONLY)
            guard fd >= 0 else {
                throw InputError(file: path, "cannot open the file: \(String(cString: strerror(errno)))")
            }
            ownsDescriptor = true
        }
        buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    deinit {
        if ownsDescriptor { close(fd) }
    }

    /// The size of the file in bytes, or nil for a pipe.
    public var fileSize: Int64? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return Int64(info.st_size)
    }

    /// Calls `body` with the next line (without its line ending); returns false at end of file.
    /// The buffer is only valid inside `body`.
    public func next<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T? {
        line.removeAll(keepingCapacity: true)
        var haveAny = false
        while true {
            if start < end {
                haveAny = true
                let found: Int? = buffer.withUnsafeBufferPointer { pointer in
                    guard let base = pointer.baseAddress,
                          let hit = memchr(base + start, 0x0A, end - start) else { return nil }
                    return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                if let newline = found {
                    lineNumber += 1
                    var stop = newline
                    if line.isEmpty {
                        if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }
                        let from = start
                        start = newline + 1
                        return try buffer.withUnsafeBufferPointer { pointer in
                            try body(withoutByteOrderMark(UnsafeBufferPointer(rebasing: pointer[from..<stop])))
                        }
                    }
                    line.append(contentsOf: buffer[start..<stop])
                    start = newline + 1
                    if line.last == 0x0D { line.removeLast() }
                    return try line.withUnsafeBufferPointer { try body(withoutByteOrderMark($0)) }
                }
                line.append(contentsOf: buffer[start..<end])
                start = end
            }
            if atEOF {
                guard haveAny || !line.isEmpty else { return nil }
                lineNumber += 1
                if line.last == 0x0D { line.removeLast() }
                return try line.withUnsafeBufferPointer { try body(withoutByteOrderMark($0)) }
            }
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(line: lineNumber + 1, "read failed: \(String(cString: strerror(errno)))")
            }
            if count == 0 {
                atEOF = true
            } else {
                bytesRead += Int64(count)
                start = 0
                end = count
            }
        }
    }

    /// The first line without a leading UTF-8 byte-order mark (EF BB BF), which spreadsheets and some
    /// editors write: it is not part of the first field or record. Later lines are passed as they are.
    private func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard lineNumber == 1, bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[3...])
    }
}
