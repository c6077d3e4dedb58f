import Foundation
import DocketCore
import DocketIO

/// How `docket import` behaves.
public struct ImportOptions: Sendable {
    /// All or nothing: the first rejected record rolls back the whole import.
    public var strict: Bool
    /// Records per transaction when not strict.
    public var batchSize: Int
    /// Who runs the import (audit log).
    public var actor: String
    /// How many rejections to keep for the summary (all are counted).
    public var keepRejections: Int
    /// Threads decoding the lines of a JSON Lines file while the calling thread writes (at least 1).
    public var decodingThreads: Int
    /// Folders besides each import file's own that records' images may lie in (`--media-root`).
    public var mediaRoots: [String] = []

    public init(strict: Bool = false, batchSize: Int = 10_000, actor: String, keepRejections: Int = 1000,
                decodingThreads: Int = ImportPrefetcherSizes.defaultWorkers) {
        self.strict = strict
        self.batchSize = batchSize
        self.actor = actor
        self.keepRejections = keepRejections
        self.decodingThreads = max(1, decodingThreads)
    }
}
