/// Reads a queue definition from a `Queues/*.yml` file. Every problem is reported with the file,
/// the line and the field, and unknown keys are refused so that a typo does not silently change a queue.
public enum QueueFile {
    /// Keys the review screen keeps for itself; a label, tag or severity may not use them.
    public static let reservedKeys: Set<String> = ["s", "e", "n", "u", "g", "q", "?", "j", "k", " ", "\t"]

    public static func parse(_ text: String, file: String) throws(InputError) -> QueueDefinition {
        let root = try YAMLNode.parse(text, file: file)
        try root.rejectUnknownKeys([
            "id", "title", "guidelines", "labels", "tags", "severity", "severity_required_for", "overlap",
            "gold_rate", "lease_minutes", "lease_seconds", "priority", "wellbeing", "personal_data",
            "personal_data_action", "reviewers", "permissions", "confirm", "target_hours", "suggestion",
        ])
        let idNode = try root.required("id")
        let id = try idNode.string()
        guard isIdentifier(id) else {
            throw idNode.error("'\(id)' is not a valid queue id: use letters, digits, '-' and '_' (at most 64)")
        }
        let labelsNode = try root.required("labels")
        let labels = try options(labelsNode)
        guard !labels.isEmpty else { throw labelsNode.error("a queue needs at least one label") }
        var definition = QueueDefinition(id: id, title: try root.optional("title")?.string() ?? id, labels: labels)
        definition.guidelines = try root.optional("guidelines")?.string() ?? ""
        if let tags = try root.optional("tags") { definition.tags = try options(tags) }
        if let severity = try root.optional("severity") { definition.severity = try options(severity) }
        if let required = try root.optional("severity_required_for") {
            let names = try required.strings()
            for name in names where definition.label(name) == nil {
                throw required.error("'\(name)' is not one of the queue's labels")
            }
            guard definition.severity.isEmpty == false || names.isEmpty else {
                throw required.error("names labels that need a severity, but the queue has no severity scale")
            }
            definition.severityRequiredFor = Set(names)
        }
        try checkKeys(root, definition)
        if let overlap = try root.optional("overlap") { definition.overlap = try overlap.int(in: 1...5) }
        if let gold = try root.optional("gold_rate") { definition.goldRate = try gold.double(in: 0...0.5) }
        if let minutes = try root.optional("lease_minutes") {
            // Two spellings of one setting: which one wins would be a guess, so neither does.
            if try root.optional("lease_seconds") != nil {
                throw minutes.error("give lease_minutes or lease_seconds, not both")
            }
            definition.leaseSeconds = try minutes.int(in: 1...1440) * 60
        }
        if let lease = try root.optional("lease_seconds") { definition.leaseSeconds = try lease.int(in: 1...86_400) }
        if let priority = try root.optional("priority") { definition.priority = try policy(priority) }
        if let wellbeing = try root.optional("wellbeing") { definition.wellbeing = try parseWellbeing(wellbeing) }
        if let fields = try root.optional("personal_data") { definition.personalData = try fields.strings() }
        if let action = try root.optional("personal_data_action") {
            let text = try action.string()
            guard let parsed = PersonalDataAction(rawValue: text) else { throw action.error("must be 'drop' or 'hash', not '\(text)'") }
            definition.personalDataAction = parsed
        }
        if let suggestion = try root.optional("suggestion") {
            if case .scalar = suggestion.node {
                definition.suggestionModel = try suggestion.bool() ? "" : nil
            } else {
                try suggestion.rejectUnknownKeys(["model"])
                definition.suggestionModel = try suggestion.optional("model")?.string() ?? ""
            }
        }
        if let confirm = try root.optional("confirm") {
            let text = try confirm.string()
            guard let parsed = Confirmation(rawValue: text) else { throw confirm.error("must be 'label-key' or 'enter', not '\(text)'") }
            definition.confirmation = parsed
        }
        if let reviewers = try root.optional("reviewers") { definition.reviewers = try reviewers.strings() }
        if let target = try root.optional("target_hours") { definition.targetHours = try target.double(in: 0.01...8760) }
        if let permissions = try root.optional("permissions") {
            for key in try permissions.keys() {
                guard let action = Action(rawValue: key) else {
                    throw permissions.error("unknown action '\(key)' (actions: \(Action.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                let roleNode = try permissions.required(key)
                let text = try roleNode.string()
                guard let role = Role(rawValue: text) else { throw roleNode.error("must be reviewer, lead or admin, not '\(text)'") }
                definition.permissions[action] = role
            }
        }
        return definition
    }

    /// Whether `text` is a valid queue, label or tag identifier.
    public static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= 64 && text.unicodeScalars.allSatisfy {
            ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "-" || $0 == "_" || $0 == ".")
                && !$0.properties.isWhitespace
        }
    }

    /// Whether a label's key is one a reviewer can see and type: no control, format or separator
    /// character (`\e` or `\0` as a key would reach the terminal or never be pressable), no space.
    static func isTypableKey(_ key: String) -> Bool {
        key.unicodeScalars.allSatisfy { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .spaceSeparator, .surrogate,
                 .privateUse, .unassigned:
                return false
            default:
                return true
            }
        }
    }

    private static func options(_ node: YAMLNode) throws(InputError) -> [LabelOption] {
        var seen: Set<String> = []
        let elements = try node.elements()
        if elements.count > ImportLimits.labels {
            throw node.error("has \(elements.count) entries; a queue may have at most \(ImportLimits.labels)")
        }
        return try elements.map { (element) throws(InputError) -> LabelOption in
            try element.rejectUnknownKeys(["id", "key", "description"])
            let idNode = try element.required("id")
            let id = try idNode.string()
            guard isIdentifier(id) else { throw idNode.error("'\(id)' is not a valid id: use letters, digits, '-', '_' and '.'") }
            guard seen.insert(id).inserted else { throw idNode.error("'\(id)' is listed twice") }
            let keyNode = try element.required("key")
            let key = try keyNode.string()
            guard key.count == 1 else { throw keyNode.error("a key must be one character, not '\(key)'") }
            guard isTypableKey(key) else {
                throw keyNode.error("a key must be a visible character, not \(key.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " "))")
            }
            return LabelOption(id: id, key: key, description: try element.optional("description")?.string() ?? "")
        }
    }

    private static func checkKeys(_ root: YAMLNode, _ definition: QueueDefinition) throws(InputError) {
        var owner: [String: String] = [:]
        let groups: [(String, [LabelOption])] = [("labels", definition.labels), ("tags", definition.tags), ("severity", definition.severity)]
        for (group, options) in groups where !options.isEmpty {
            // The group's nodes once: looking them up per option made a 10,000-label queue take 18 s.
            let nodes = try root.required(group).elements()
            for (index, option) in options.enumerated() {
                let where_ = nodes[index]
                let keyNode = try where_.required("key")
                if reservedKeys.contains(option.key) {
                    throw keyNode.error("key '\(option.key)' is reserved by the review screen (reserved: s e n u g q ? j k)")
                }
                if option.key == definition.wellbeing.revealKey, definition.wellbeing.maskUntilReveal {
                    throw keyNode.error("key '\(option.key)' is the reveal key")
                }
                if let other = owner[option.key] {
                    throw keyNode.error("key '\(option.key)' is already used by \(other)")
                }
                owner[option.key] = "\(group) '\(option.id)'"
            }
        }
    }

    private static func policy(_ node: YAMLNode) throws(InputError) -> PriorityPolicy {
        // Shorthand: a plain list of rules means the ordered mode.
        if case .sequence = node.node {
            return PriorityPolicy(mode: .ordered, rules: try rules(node))
        }
        try node.rejectUnknownKeys(["mode", "rules"])
        var mode = PriorityPolicy.Mode.ordered
        if let modeNode = try node.optional("mode") {
            let text = try modeNode.string()
            guard let parsed = PriorityPolicy.Mode(rawValue: text) else { throw modeNode.error("must be 'ordered' or 'weighted', not '\(text)'") }
            mode = parsed
        }
        let rulesNode = try node.required("rules")
        let parsed = try rules(rulesNode)
        guard !parsed.isEmpty else { throw rulesNode.error("a priority policy needs at least one rule") }
        return PriorityPolicy(mode: mode, rules: parsed)
    }

    private static func rules(_ node: YAMLNode) throws(InputError) -> [PriorityPolicy.Rule] {
        try node.elements().map { (element) throws(InputError) -> PriorityPolicy.Rule in
            try element.rejectUnknownKeys(["rule", "category", "model", "weight"])
            let ruleNode = try element.required("rule")
            let name = try ruleNode.string()
            let category = try element.optional("category")?.string()
            let model = try element.optional("model")?.string()
            let weight = try element.optional("weight")?.double(in: -1_000_000...1_000_000) ?? 1
            let term: PriorityPolicy.Term
            switch name {
            case "score", "uncertainty":
                guard let category else { throw element.error("rule '\(name)' needs a 'category'") }
                term = name == "score" ? .score(category: category, model: model) : .uncertainty(category: category, model: model)
            case "reports": term = .reports
            case "oldest": term = .oldest
            case "newest": term = .newest
            default:
                throw ruleNode.error("unknown rule '\(name)' (rules: score, uncertainty, reports, oldest, newest)")
            }
            return PriorityPolicy.Rule(term, weight: weight)
        }
    }

    private static func parseWellbeing(_ node: YAMLNode) throws(InputError) -> Wellbeing {
        try node.rejectUnknownKeys(["mask_until_reveal", "reveal_key", "masked_terms", "break_reminder_minutes",
                                    "image_mask_blocks", "image_mask_greyscale"])
        var wellbeing = Wellbeing()
        if let mask = try node.optional("mask_until_reveal") { wellbeing.maskUntilReveal = try mask.bool() }
        if let key = try node.optional("reveal_key") {
            let text = try key.string()
            guard text.count == 1, !reservedKeys.contains(text) else { throw key.error("must be one character that is not a reserved key") }
            wellbeing.revealKey = text
        }
        if let terms = try node.optional("masked_terms") { wellbeing.maskedTerms = try terms.strings() }
        if let minutes = try node.optional("break_reminder_minutes") { wellbeing.breakReminderMinutes = try minutes.int(in: 1...600) }
        if let blocks = try node.optional("image_mask_blocks") { wellbeing.imageMaskBlocks = try blocks.int(in: 0...256) }
        if let grey = try node.optional("image_mask_greyscale") { wellbeing.imageMaskGreyscale = try grey.bool() }
        return wellbeing
    }
}
