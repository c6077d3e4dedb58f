/// A stream of import entries read in constant memory (JSONL, CSV, or a public data set adapter).
public protocol ImportSource: AnyObject {
    /// The file the entries come from (for messages).
    var file: String { get }
    /// The next entry, or nil at the end of the input.
    func next() throws -> ImportInput?
    /// Bytes read so far and the total when known, for a progress bar.
    var progress: (done: Int64, total: Int64?) { get }
}
