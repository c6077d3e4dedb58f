/// A source whose entries are lines decoded one at a time: the lines can be read on one thread and decoded
/// on others (DocketIO's `ImportPrefetcher` does so when the machine has cores to spare).
public protocol LineImportSource: ImportSource {
    /// Calls `body` with the next non-blank line (without its line ending) and its 1-based number; nil at
    /// the end of the input. The bytes are only valid inside `body`.
    func nextLine<T>(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> T) throws -> T?
    /// Decodes one line read by ``nextLine(_:)`` into an entry. Safe to call on any thread, while
    /// ``nextLine(_:)`` runs on another: it uses nothing of the source but constants.
    var lineDecoder: @Sendable (UnsafeBufferPointer<UInt8>, Int) -> ImportInput { get }
}
