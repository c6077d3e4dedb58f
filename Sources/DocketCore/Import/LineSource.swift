/// The lines of an input, read in constant memory by whoever opened it (DocketIO's `LineReader` reads a file
/// or standard input). The core's parsers (JSON Lines, CSV) take lines and never open a file themselves.
public protocol LineSource: AnyObject {
    /// The 1-based number of the line last returned.
    var lineNumber: Int { get }
    /// Bytes consumed so far, for progress reporting.
    var bytesRead: Int64 { get }
    /// The size of the input in bytes, or nil when it is not known (a pipe).
    var fileSize: Int64? { get }
    /// Calls `body` with the next line (without its line ending, and the first without a byte-order mark);
    /// returns nil at the end. The bytes are only valid inside `body`. Rethrows what `body` throws, and
    /// throws an ``InputError`` naming the line when the input cannot be read.
    func next<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) throws -> T?
}
