/// Runs two independent pieces of a computation, in parallel or not: the core starts no threads itself, so
/// its caller decides (DocketIO's `TwoThreads` runs them on two threads; ``InOrder`` one after the other).
public protocol ParallelWork: Sendable {
    /// Runs `first` and `second` and returns once both have finished. They share no state but what the
    /// caller made safe to share.
    func both(_ first: @Sendable () -> Void, _ second: @Sendable () -> Void)
}
