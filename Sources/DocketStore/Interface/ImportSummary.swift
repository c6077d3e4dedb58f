import Foundation
import DocketCore
import DocketIO

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    public var inserted = 0
    /// Existing items whose record changed (new scores, text or metadata); decisions are untouched.
    public var updated = 0
    /// Records identical to what is stored.
    public var unchanged = 0
    public var rejected = 0
    /// Decisions carried by records (labels made elsewhere) that were added.
    public var decisionsAdded = 0
    /// The first rejections, each naming file, line and field.
    public var rejections: [InputError] = []

    public init() {}
}

extension ImportSummary {
    /// The audit log's detail of an import of `files` that got this far (`import.batch` and `import` lines),
    /// the same on every backend.
    func auditDetail(files: [String]) -> [(String, JSONValue)] {
        [
            ("files", .array(files.map { .string($0) })),
            ("inserted", .number(String(inserted))), ("updated", .number(String(updated))),
            ("unchanged", .number(String(unchanged))), ("rejected", .number(String(rejected))),
            ("decisions_added", .number(String(decisionsAdded))),
        ]
    }
}
