import Foundation

/// Reads CSV with a header row. Columns map to the import record: `id`, `text`, `group`, `gold`, `kind`,
/// `source`, `reports`, `created_at`; `meta.NAME` (or any other column) to metadata; `score.MODEL.CATEGORY`
/// to a score and `threshold.MODEL.CATEGORY` to its threshold. Empty cells count as absent.
public final class CSVImportSource: ImportSource {
    public let file: String
    private let reader: CSVReader
    private var header: [String] = []

    /// Records from the lines of `file` (named in messages), as `lines` reads them.
    public init(file: String, lines: any LineSource) {
        self.file = file
        reader = CSVReader(lines: lines)
    }

    public var progress: (done: Int64, total: Int64?) { (reader.bytesRead, reader.fileSize) }

    public func next() throws -> ImportInput? {
        if header.isEmpty {
            guard let first = try readRow() else { return nil }
            header = first.map { $0.trimmingCharacters(in: .whitespaces) }
            guard header.contains("id"), header.contains("text") else {
                throw InputError(file: file, line: reader.recordLine, "the header row needs at least the columns 'id' and 'text'")
            }
            try checkHeader()
        }
        let fields: [String]
        do {
            guard let row = try readRow() else { return nil }
            fields = row
        } catch let error as InputError {
            // One bad record (invalid UTF-8, an unclosed quote at the end) is rejected; the rest goes in.
            return .rejected(error)
        }
        let line = reader.recordLine
        guard fields.count == header.count else {
            return .rejected(InputError(file: file, line: line, "expected \(header.count) columns as in the header, found \(fields.count)"))
        }
        var fingerprint = Fingerprint()
        for field in fields { fingerprint.add(field) }
        let result: Result<ImportRecord, InputError> = Result { () throws(InputError) in try record(fields) }
        switch result {
        case .success(let record): return .record(record, line: line, fingerprint: fingerprint.value)
        case .failure(let error): return .rejected(error.located(file: file, line: line))
        }
    }

    /// The next row; a malformed one (bad UTF-8, an unclosed quote) is an error located in this file.
    private func readRow() throws -> [String]? {
        do {
            return try reader.next()
        } catch let error as InputError {
            throw error.located(file: file, line: reader.recordLine)
        }
    }

    /// Refuses a header that names one field twice: `id,text,text`, or `meta.a` beside `a` (both are the
    /// metadata field `a`), whose second value silently replaced or shadowed the first.
    private func checkHeader() throws(InputError) {
        var seen: [String: String] = [:]
        for name in header {
            let key = Self.fieldKey(name)
            if let first = seen[key] {
                let what = first == name ? "twice" : "as '\(first)' and '\(name)'"
                throw InputError(file: file, line: reader.recordLine, field: name,
                                 "the header names the field '\(key)' \(what); give each column once")
            }
            seen[key] = name
        }
    }

    /// The record field a column fills: metadata columns (`meta.a` and a plain `a`) share one name space.
    private static func fieldKey(_ column: String) -> String {
        switch column {
        case "id", "text", "group", "gold", "kind", "source", "created_at", "reports": return column
        default:
            if column.hasPrefix("score.") || column.hasPrefix("threshold.") { return column }
            return "meta." + (column.hasPrefix("meta.") ? String(column.dropFirst(5)) : column)
        }
    }

    /// A cell that must be a number, spelled as JSON spells one (`0.5`, `-2`, `1e-3`): `nan`, `inf`,
    /// `0x1p3` and `1_000`, which Swift's own parsing would accept, are refused.
    private static func number(_ value: String, field: String) throws(InputError) -> JSONValue {
        guard case .number(let text)? = try? JSONParser.parse(value) else {
            throw InputError(field: field, "must be a number, not '\(value)'")
        }
        return .number(text)
    }

    private func record(_ fields: [String]) throws(InputError) -> ImportRecord {
        var members: [(String, JSONValue)] = []
        var meta: [(String, JSONValue)] = []
        var scores: [String: (model: String, category: String, score: JSONValue?, threshold: JSONValue?)] = [:]
        var scoreOrder: [String] = []
        for (name, value) in zip(header, fields) where !value.isEmpty {
            switch name {
            case "id", "text", "group", "gold", "kind", "source":
                members.append((name, .string(value)))
            case "created_at":
                // Seconds since 1970 are allowed as in JSON; anything else is read as an ISO 8601 time.
                let number = try? JSONParser.parse(value)
                if case .number? = number { members.append((name, number!)) } else { members.append((name, .string(value))) }
            case "reports":
                members.append((name, try Self.number(value, field: name)))
            default:
                if name.hasPrefix("score.") || name.hasPrefix("threshold.") {
                    let isScore = name.hasPrefix("score.")
                    let rest = name.dropFirst(isScore ? 6 : 10)
                    guard let dot = rest.lastIndex(of: ".") else {
                        throw InputError(field: name, "score columns are named score.MODEL.CATEGORY")
                    }
                    let key = String(rest)
                    let number = try Self.number(value, field: name)
                    var entry = scores[key] ?? (String(rest[..<dot]), String(rest[rest.index(after: dot)...]), nil, nil)
                    if scores[key] == nil { scoreOrder.append(key) }
                    if isScore { entry.score = number } else { entry.threshold = number }
                    scores[key] = entry
                } else {
                    let key = name.hasPrefix("meta.") ? String(name.dropFirst(5)) : name
                    meta.append((key, .string(value)))
                }
            }
        }
        if !meta.isEmpty { members.append(("meta", .object(meta))) }
        if !scoreOrder.isEmpty {
            members.append(("scores", .array(try scoreOrder.map { (key) throws(InputError) -> JSONValue in
                let entry = scores[key]!
                guard let score = entry.score else { throw InputError(field: "threshold.\(key)", "has no matching score.\(key) column value") }
                var object: [(String, JSONValue)] = [("model", .string(entry.model)), ("category", .string(entry.category)), ("score", score)]
                if let threshold = entry.threshold { object.append(("threshold", threshold)) }
                return .object(object)
            })))
        }
        do {
            return try ImportRecord.from(.object(members))
        } catch {
            // A score's problem is named by its column (`score.m.c`), as the user wrote it, not by the
            // record's field (`scores[0].score`).
            guard let field = error.field, field.hasPrefix("scores["), let close = field.firstIndex(of: "]"),
                  let index = Int(field[field.index(field.startIndex, offsetBy: 7)..<close]), index < scoreOrder.count else { throw error }
            var renamed = error
            renamed.field = (field.hasSuffix(".threshold") ? "threshold." : "score.") + scoreOrder[index]
            throw renamed
        }
    }
}
