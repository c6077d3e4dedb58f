/// Runs the pieces one after the other on the calling thread: the same results, without threads.
public struct InOrder: ParallelWork {
    /// Pieces run in order.
    public init() {}

    /// Runs `first`, then `second`.
    public func both(_ first: @Sendable () -> Void, _ second: @Sendable () -> Void) {
        first()
        second()
    }
}
