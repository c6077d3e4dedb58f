/// What a check of the history found: whether the audit log's hash chain is intact (and where it first
/// breaks), and whether every decision head, which exports and reports read, is what the decisions say.
/// `docket audit --verify` shows the first; `docket status --full-check` both.
public struct HistoryCheck: Sendable, Equatable {
    /// Audit rows checked.
    public var auditRows: Int
    /// The first audit row that does not match its hash or its place in the chain, with why; nil when intact.
    public var brokenAuditRow: Int64?
    public var auditProblem: String?
    /// Heads that differ from the decisions they should copy, one sentence each (at most a few); empty when all agree.
    public var headMismatches: [String]
    /// How many heads differ in all.
    public var headMismatchCount: Int

    public init(auditRows: Int, brokenAuditRow: Int64? = nil, auditProblem: String? = nil,
                headMismatches: [String] = [], headMismatchCount: Int = 0) {
        self.auditRows = auditRows
        self.brokenAuditRow = brokenAuditRow
        self.auditProblem = auditProblem
        self.headMismatches = headMismatches
        self.headMismatchCount = headMismatchCount
    }

    /// Whether nothing was found.
    public var isIntact: Bool { brokenAuditRow == nil && headMismatchCount == 0 }

    /// One sentence per finding, for messages.
    public var findings: [String] {
        var lines: [String] = []
        if let brokenAuditRow, let auditProblem {
            lines.append("the audit log's hash chain breaks at row \(brokenAuditRow): \(auditProblem)")
        }
        if headMismatchCount > 0 {
            lines.append("\(headMismatchCount) decision head(s) differ from the decisions: " + headMismatches.joined(separator: "; "))
        }
        return lines
    }
}
