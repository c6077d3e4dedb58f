import Foundation

/// Keeps passwords out of what Docket says about a PostgreSQL connection. URLs are shown through
/// ``StoreLocation/withoutPasswords(_:)``; this removes the rest: libpq `password=...` pairs and any known
/// secret (the password in the URL, the one libpq found in ~/.pgpass, `$PGPASSWORD`) wherever a server or
/// libpq message quotes it.
enum PostgresSecrets {
    /// `text` shown without passwords: URLs redacted, `password = value` pairs removed.
    static func display(_ text: String) -> String {
        redactedKeywords(StoreLocation.withoutPasswords(text))
    }

    /// `message` with every non-empty secret (and its percent-encoded form) replaced by `***`, and URLs and
    /// libpq `password=...` pairs in it redacted.
    static func scrub(_ message: String, secrets: [String]) -> String {
        var text = message
        for secret in secrets where !secret.isEmpty {
            text = text.replacingOccurrences(of: secret, with: "***")
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics), encoded != secret {
                text = text.replacingOccurrences(of: encoded, with: "***")
            }
        }
        return display(text)
    }

    /// `text` with `password = value` pairs (libpq's keyword form, values quoted or not) removed.
    private static func redactedKeywords(_ text: String) -> String {
        guard let expression = try? NSRegularExpression(pattern: #"password\s*=\s*('([^'\\]|\\.)*'|[^\s&]+)\s*"#,
                                                        options: [.caseInsensitive]) else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return expression.stringByReplacingMatches(in: text, range: range, withTemplate: "")
    }
}
