/// One file of an export as the dataset writer fills it: bytes go in, in order, and ``finish()`` gives the
/// SHA-256 the manifest lists. DocketIO's `ExportFile` writes and hashes them on disk.
public protocol ExportSink: AnyObject {
    /// The path relative to the export folder (`data/train.jsonl`), as the manifest names it.
    var relativePath: String { get }
    /// Bytes written so far.
    var byteCount: Int64 { get }
    /// Appends bytes; throws ``DocketError/io(_:)`` when they cannot be written.
    func write(_ bytes: [UInt8]) throws(DocketError)
    /// Appends the UTF-8 bytes of `text`; throws ``DocketError/io(_:)`` when they cannot be written.
    func write(_ text: String) throws(DocketError)
    /// Stores every byte for good and returns the file's SHA-256 (hex); throws ``DocketError/io(_:)``.
    func finish() throws(DocketError) -> String
}
