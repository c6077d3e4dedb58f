extension QueueDefinition {
    /// Checks an import record against this queue's taxonomy before anything of it is stored: its gold label
    /// and every imported decision's label, tags and severity must be the queue's, and no reviewer may decide
    /// the record twice. Every store backend runs this same check, so both reject the same lines with the same
    /// fields and words.
    public func checkImported(_ record: ImportRecord) throws(InputError) {
        if let gold = record.gold, label(gold) == nil {
            throw InputError(field: "gold", "'\(gold)' is not a label of queue '\(id)' (labels: \(labels.map(\.id).joined(separator: ", ")))")
        }
        var reviewers: Set<String> = []
        for (index, decision) in record.decisions.enumerated() {
            let field = "decisions[\(index)]"
            guard reviewers.insert(decision.reviewer).inserted else {
                throw InputError(field: field + ".reviewer", "reviewer '\(decision.reviewer)' decides this item twice")
            }
            do {
                try validate(label: decision.label, tags: decision.tags, severity: decision.severity)
            } catch {
                throw InputError(field: field, error.description)
            }
        }
    }
}
