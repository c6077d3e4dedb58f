import Foundation

/// What Docket may say about a PostgreSQL connection string: the same string with its password removed,
/// and a scrubber that takes known secrets out of any message. Every message, log line, audit row and
/// manifest that names a server goes through here, so that a password typed into `--db` or `$DOCKET_DB`
/// never reaches output.
public enum PostgresURL {
    /// Whether `text` names a PostgreSQL server (`postgresql://` or `postgres://`) rather than a SQLite file.
    public static func isPostgres(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// `url` without its password: `postgresql://ann:secret@host/db?password=x&sslmode=require` becomes
    /// `postgresql://ann@host/db?sslmode=require`. Anything not a URL comes back with `password=...` pairs
    /// (libpq's key=value form) removed.
    public static func redacted(_ url: String) -> String {
        guard isPostgres(url), let schemeEnd = url.range(of: "://") else { return redactedKeywords(url) }
        let scheme = url[..<schemeEnd.upperBound]
        var rest = Substring(url[schemeEnd.upperBound...])
        var query: Substring?
        if let mark = rest.firstIndex(of: "?") {
            query = rest[rest.index(after: mark)...]
            rest = rest[..<mark]
        }
        // The authority ends at the first '/'; its user information ends at the last '@' before that.
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let user = authority[..<at].split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            authority = user + authority[at...]
        }
        var result = String(scheme) + authority + rest[authorityEnd...]
        if let query {
            let kept = query.split(separator: "&").filter { !$0.lowercased().hasPrefix("password=") }
            if !kept.isEmpty { result += "?" + kept.joined(separator: "&") }
        }
        return result
    }

    /// `text` with `password = value` pairs (libpq's keyword form, values quoted or not) removed.
    private static func redactedKeywords(_ text: String) -> String {
        guard let expression = try? NSRegularExpression(pattern: #"password\s*=\s*('([^'\\]|\\.)*'|\S+)\s*"#,
                                                        options: [.caseInsensitive]) else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return expression.stringByReplacingMatches(in: text, range: range, withTemplate: "")
    }

    /// `message` with every non-empty secret (and its percent-encoded form) replaced by `***`, and any
    /// libpq `password=...` pair in it removed.
    public static func scrub(_ message: String, secrets: [String]) -> String {
        var text = message
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "***")
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
                text = text.replacingOccurrences(of: encoded, with: "***")
            }
        }
        return redactedKeywords(text)
    }
}
