import Yams

/// A node of a YAML document together with where it is (file, line) and how it was reached
/// (a field path), so that every accessor can throw an ``InputError`` that points at the problem.
/// Queue files and themes are read through it.
public struct YAMLNode {
    public let node: Node
    public let file: String
    public let path: String

    /// Parses `text` (the content of `file`) into its root node; an empty document is an error.
    public static func parse(_ text: String, file: String) throws(InputError) -> YAMLNode {
        do {
            guard let root = try Yams.compose(yaml: text) else {
                throw InputError(file: file, line: 1, "the file is empty")
            }
            return YAMLNode(node: root, file: file, path: "")
        } catch let error as InputError {
            throw error
        } catch let error as YamlError {
            throw Self.describe(error, file: file)
        } catch {
            throw InputError(file: file, "\(error)")
        }
    }

    private static func describe(_ error: YamlError, file: String) -> InputError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _):
            let detail = context.map { "\($0.text): " } ?? ""
            return InputError(file: file, line: mark.line, "not valid YAML: \(detail)\(problem) (column \(mark.column))")
        case let .composer(context, problem, mark, _):
            let detail = context.map { "\($0.text): " } ?? ""
            return InputError(file: file, line: mark.line, "not valid YAML: \(detail)\(problem)")
        default:
            return InputError(file: file, "not valid YAML: \(error)")
        }
    }

    /// The 1-based line of this node in the file.
    public var line: Int? { node.mark?.line }

    /// An error located at this node.
    public func error(_ message: String) -> InputError {
        InputError(file: file, line: line, field: path.isEmpty ? nil : path, message)
    }

    private func childPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// The names of the members of a mapping, in order.
    public func keys() throws(InputError) -> [String] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        return mapping.keys.compactMap { $0.string }
    }

    /// The member `key` of this mapping, or nil when it is absent or null.
    public func optional(_ key: String) throws(InputError) -> YAMLNode? {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        guard let child = mapping[key] else { return nil }
        if case .scalar(let scalar) = child, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
            return nil
        }
        return YAMLNode(node: child, file: file, path: childPath(key))
    }

    /// The member `key` of this mapping; missing is an error that names the key.
    public func required(_ key: String) throws(InputError) -> YAMLNode {
        guard let child = try optional(key) else {
            var missing = error("'\(key)' is required but missing")
            missing.field = childPath(key)
            throw missing
        }
        return child
    }

    /// Rejects members not in `allowed`, so that a misspelt key is reported instead of ignored.
    public func rejectUnknownKeys(_ allowed: Set<String>) throws(InputError) {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines)") }
        for (keyNode, _) in mapping {
            let key = keyNode.string ?? "?"
            if !allowed.contains(key) {
                let known = allowed.sorted().joined(separator: ", ")
                throw InputError(file: file, line: keyNode.mark?.line, field: childPath(key),
                                 "unknown key '\(key)' (known keys here: \(known))")
            }
        }
    }

    /// The elements of a sequence.
    public func elements() throws(InputError) -> [YAMLNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list (lines starting with '- ')") }
        return sequence.enumerated().map { YAMLNode(node: $1, file: file, path: path + "[\($0)]") }
    }

    public func string() throws(InputError) -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a text value") }
        return scalar.string
    }

    public func int(in range: ClosedRange<Int>? = nil) throws(InputError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string) else {
            throw error("expected a whole number")
        }
        if let range, !range.contains(value) {
            throw error("must be between \(range.lowerBound) and \(range.upperBound), not \(value)")
        }
        return value
    }

    public func double(in range: ClosedRange<Double>? = nil) throws(InputError) -> Double {
        guard case .scalar(let scalar) = node, let value = Double(scalar.string), value.isFinite else {
            throw error("expected a number")
        }
        if let range, !range.contains(value) {
            throw error("must be between \(range.lowerBound) and \(range.upperBound), not \(scalar.string)")
        }
        return value
    }

    public func bool() throws(InputError) -> Bool {
        guard case .scalar(let scalar) = node else { throw error("expected true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("expected true or false, not '\(scalar.string)'")
        }
    }

    /// A list of text values; a single text value counts as a list of one.
    public func strings() throws(InputError) -> [String] {
        if case .scalar = node { return [try string()] }
        return try elements().map { (element) throws(InputError) -> String in try element.string() }
    }
}
