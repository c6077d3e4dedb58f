/// Where an export's files go. The dataset writer decides what each file holds and never opens one itself;
/// DocketIO's `ExportFolderFiles` writes them into a folder on disk.
public protocol ExportDestination {
    /// Creates (or empties) the file `relativePath` (`data/train.jsonl`), with its folder; throws
    /// ``DocketError/io(_:)`` when it cannot.
    func create(_ relativePath: String) throws(DocketError) -> any ExportSink
    /// Copies the file at `source` (an item's image, for `--copy-media`) to `relativePath`, and returns the
    /// bytes copied and their SHA-256 (hex). Throws ``DocketError/notFound(_:)`` when `source` cannot be
    /// opened and ``DocketError/io(_:)`` when it cannot be read or the copy written.
    func copy(_ source: String, to relativePath: String) throws(DocketError) -> (bytes: Int64, sha256: String)
}
