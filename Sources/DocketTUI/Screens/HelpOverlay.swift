import DocketCore

/// The help overlay (`?`): every key of the review screen, the queue's own keys first.
public enum HelpOverlay {
    public static func lines(_ queue: QueueDefinition, bindings: KeyBindings) -> [StyledLine] {
        var lines: [StyledLine] = []
        func row(_ key: String, _ text: String) -> StyledLine {
            StyledLine([("  " + DisplayWidth.pad(key, to: 12), .key), (text, .text)])
        }
        lines.append(StyledLine("Labels (one per item)" + (queue.tags.isEmpty && queue.severity.isEmpty ? ": the key decides and shows the next item" : ": choose, then Enter"), .accent))
        for label in queue.labels { lines.append(row(label.key, label.id + (label.description.isEmpty ? "" : ": " + label.description))) }
        if !queue.tags.isEmpty {
            lines.append(StyledLine("Tags (any number, the key toggles)", .accent))
            for tag in queue.tags { lines.append(row(tag.key, tag.id + (tag.description.isEmpty ? "" : ": " + tag.description))) }
        }
        if !queue.severity.isEmpty {
            let required = queue.severityRequiredFor.sorted().joined(separator: ", ")
            lines.append(StyledLine("Severity (lowest first" + (required.isEmpty ? ")" : "; required for \(required))"), .accent))
            for level in queue.severity { lines.append(row(level.key, level.id + (level.description.isEmpty ? "" : ": " + level.description))) }
        }
        lines.append(StyledLine("Review", .accent))
        for binding in bindings.bindings {
            if binding.action == .reveal, !queue.wellbeing.maskUntilReveal { continue }
            lines.append(row(binding.keys.map(\.name).joined(separator: " "), binding.help))
        }
        return lines
    }
}
