import Foundation

/// Which database a command works on, from `--db` or `$DOCKET_DB`: a `postgresql://` or `postgres://` URL means
/// PostgreSQL, anything else is a SQLite file path. ``description`` is safe to print: it never holds a password.
public enum StoreLocation: Equatable, Sendable, CustomStringConvertible {
    /// A SQLite database file.
    case sqlite(path: String)
    /// A PostgreSQL connection URL, as given (it may hold a password: print ``description`` instead).
    case postgres(url: String)

    /// The file used when neither `--db` nor `$DOCKET_DB` names one.
    public static let defaultPath = "docket.sqlite"

    /// Reads `text` as a URL or a path.
    public init(_ text: String) {
        let lower = text.lowercased()
        if lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://") {
            self = .postgres(url: text)
        } else {
            self = .sqlite(path: text)
        }
    }

    /// The location after the fallbacks: `option` (`--db`), else `$DOCKET_DB` when set and not empty, else
    /// ``defaultPath``.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> StoreLocation {
        if let option { return StoreLocation(option) }
        if let env = environment["DOCKET_DB"], !env.isEmpty { return StoreLocation(env) }
        return StoreLocation(defaultPath)
    }

    /// Whether this is a PostgreSQL database.
    public var isPostgres: Bool {
        if case .postgres = self { return true }
        return false
    }

    /// The path, or the URL without its password: what messages show.
    public var description: String {
        switch self {
        case .sqlite(let path): return path
        case .postgres(let url): return Self.withoutPasswords(url)
        }
    }

    /// `text` with the password of every PostgreSQL URL in it removed (`user:secret@host` becomes `user@host`,
    /// a `password=` parameter is dropped), for messages that quote a URL or a driver's error.
    public static func withoutPasswords(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let start = rest.range(of: "postgres", options: .caseInsensitive) {
            result += rest[..<start.lowerBound]
            let candidate = rest[start.lowerBound...]
            let lower = candidate.lowercased()
            guard let scheme = ["postgresql://", "postgres://"].first(where: { lower.hasPrefix($0) }) else {
                result += rest[start]
                rest = rest[start.upperBound...]
                continue
            }
            // A URL ends at the first white space or quote after it.
            let end = candidate.firstIndex { $0.isWhitespace || $0 == "'" || $0 == "\"" } ?? candidate.endIndex
            result += redactURL(String(candidate[..<end]), schemeLength: scheme.count)
            rest = candidate[end...]
        }
        return result + rest
    }

    /// One URL without its password (user info and `password` query parameter).
    private static func redactURL(_ url: String, schemeLength: Int) -> String {
        let characters = Array(url)
        let queryStart = characters[schemeLength...].firstIndex(of: "?") ?? characters.count
        var head = Array(characters[..<queryStart])
        // The user info ends at the last '@' before the query (a password may itself hold an encoded '@').
        if let at = head[schemeLength...].lastIndex(of: "@"), let colon = head[schemeLength..<at].firstIndex(of: ":") {
            head.removeSubrange(colon..<at)
        }
        guard queryStart < characters.count else { return String(head) }
        let parameters = String(characters[(queryStart + 1)...]).split(separator: "&", omittingEmptySubsequences: false)
            .filter { !$0.lowercased().hasPrefix("password=") }
        return parameters.isEmpty ? String(head) : String(head) + "?" + parameters.joined(separator: "&")
    }
}
