/// Where an export's spilled records go: makes one ``SpillStore`` for each stream that does not fit in
/// memory. The caller chooses it (DocketIO's `SpillFolder` makes temporary files in `$TMPDIR`), so that the
/// split's logic holds no files of its own.
public protocol SpillSpace {
    /// A new, empty store; throws ``DocketError/io(_:)`` naming the place when one cannot be made.
    func makeStore() throws(DocketError) -> any SpillStore
}
