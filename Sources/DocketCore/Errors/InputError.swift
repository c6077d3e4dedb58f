/// A problem with something a user supplied (a queue file, an import record, an argument),
/// carrying where it is so that the user can go straight to it.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file the input came from, when there is one.
    public var file: String?
    /// The 1-based line in that file.
    public var line: Int?
    /// The field inside the record or document, as a path such as `scores[2].threshold`.
    public var field: String?
    /// What is wrong, in a sentence that says what was expected.
    public var message: String

    public init(file: String? = nil, line: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// The same error, located in `file` at `line` when it did not know yet.
    public func located(file: String?, line: Int?) -> InputError {
        var copy = self
        if copy.file == nil { copy.file = file }
        if copy.line == nil { copy.line = line }
        return copy
    }

    /// The same error with its field path prefixed by `parent` (`scores[1]` + `score`).
    public func inField(_ parent: String) -> InputError {
        var copy = self
        if let field = copy.field, !field.isEmpty {
            copy.field = field.hasPrefix("[") ? parent + field : parent + "." + field
        } else {
            copy.field = parent
        }
        return copy
    }

    public var description: String {
        var place = ""
        if let file { place += file }
        if let line { place += (place.isEmpty ? "line " : ":") + String(line) }
        var text = place.isEmpty ? "" : place + ": "
        if let field, !field.isEmpty { text += "field '\(field)': " }
        return text + message
    }
}
