import Foundation

/// Reads CSV with a header row. Columns map to the import record: `id`, `text`, `group`, `gold`, `kind`,
/// `source`, `reports`, `created_at`; `meta.NAME` (or any other column) to metadata; `score.MODEL.CATEGORY`
/// to a score and `threshold.MODEL.CATEGORY` to its threshold. Empty cells count as absent.
public final class CSVImportSource: ImportSource {
    public let file: String
    private let reader: CSVReader
    private var header: [String] = []

    public init(path: String) throws(InputError) {
        file = path
        reader = try CSVReader(path: path)
    }

    public var progress: (done: Int64, total: Int64?) { (reader.bytesRead, reader.fileSize) }

    public func next() throws -> ImportInput? {
        if header.isEmpty {
            guard let first = try readRow() else { return nil }
            header = first.map { $0.trimmingCharacters(in: .whitespaces) }
            guard header.contains("id"), header.contains("text") else {
                throw InputError(file: file, line: reader.recordLine, "the header row needs at least the columns 'id' and 'text'")
            }
        }
        guard let fields = try readRow() else { return nil }
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

    private func record(_ fields: [String]) throws(InputError) -> ImportRecord {
        var members: [(String, JSONValue)] = []
        var meta: [(String, JSONValue)] = []
        var scores: [String: (model: String, category: String, score: JSONValue?, threshold: JSONValue?)] = [:]
        var scoreOrder: [String] = []
        for (name, value) in zip(header, fields) where !value.isEmpty {
            switch name {
            case "id", "text", "group", "gold", "kind", "source", "created_at":
                members.append((name, .string(value)))
            case "reports":
                guard Int(value) != nil else { throw InputError(field: "reports", "must be a whole number, not '\(value)'") }
                members.append((name, .number(value)))
            default:
                if name.hasPrefix("score.") || name.hasPrefix("threshold.") {
                    let isScore = name.hasPrefix("score.")
                    let rest = name.dropFirst(isScore ? 6 : 10)
                    guard let dot = rest.lastIndex(of: ".") else {
                        throw InputError(field: name, "score columns are named score.MODEL.CATEGORY")
                    }
                    let key = String(rest)
                    guard Double(value) != nil else { throw InputError(field: name, "must be a number, not '\(value)'") }
                    var entry = scores[key] ?? (String(rest[..<dot]), String(rest[rest.index(after: dot)...]), nil, nil)
                    if scores[key] == nil { scoreOrder.append(key) }
                    if isScore { entry.score = .number(value) } else { entry.threshold = .number(value) }
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
        return try ImportRecord.from(.object(members))
    }
}
