import DocketCore
import Dispatch

/// Runs the two pieces of a computation on two threads at once (``ParallelWork``): the agreement report
/// fits Dawid-Skene on one while the other figures and their bootstrap run on the other.
public struct TwoThreads: ParallelWork {
    /// Two threads per call, from Dispatch's pool.
    public init() {}

    /// Runs `first` and `second` at the same time and returns once both have finished.
    public func both(_ first: @Sendable () -> Void, _ second: @Sendable () -> Void) {
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 { first() } else { second() }
        }
    }
}
