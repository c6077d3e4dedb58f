import DocketCore
import Foundation
import Testing

/// Untrusted content never reaches a terminal raw: hostile ids, text, field names and labels in an import
/// file come out of every command (standard output and standard error) with their controls neutralised.
struct HostileOutputTests {
    /// Scalars a terminal obeys or hides: C0 but newline and tab, DEL, C1 (U+009B is CSI), format
    /// characters (bidi controls, zero-width), line and paragraph separators.
    static func rawControls(_ text: String) -> [String] {
        text.unicodeScalars.filter { scalar in
            if scalar == "\n" || scalar == "\t" { return false }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { return true }
            switch scalar.properties.generalCategory {
            case .format, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }.map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    @Test("no command echoes a control, escape or bidi character from imported data to the terminal")
    func commandsNeutraliseHostileContent() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let folder = try TemporaryFolder("hostile-output")
        let db = try makeDatabase(in: folder, queue: "h", items: 0)
        // An OSC sequence that retitles the terminal, a screen clear, CSI as C1, bidi overrides, zero-width.
        let file = try folder.write("hostile.jsonl", """
            {"id":"h1\\u202e","text":"\\u001b]0;pwned\\u0007 \\u001b[2J \\u009b31m red \\u2067iso\\u2069 pay\\u200bpal","meta":{"k\\u001b[1m":"v\\u202e"},"scores":[{"model":"m\\u001b[5m","category":"bad","score":0.5}]}
            {"id":"h2","text":"x","\\u001b]0;pwned\\u0007":1}
            {"id":"h3","text":"x","gold":"\\u001b[2J\\u202egood"}
            {"id":"h4\\u200f","text":"x","decisions":[{"reviewer":"r\\u001b[8m","label":"\\u009b31m"}]}

            """)
        var transcripts: [(String, ProcessResult)] = []
        func run(_ arguments: [String]) throws -> ProcessResult {
            let result = try docket(arguments + ["--db", db])
            transcripts.append((arguments.joined(separator: " "), result))
            return result
        }
        #expect(try run(["import", file, "--queue", "h"]).status == 65)
        let next = try run(["next", "--queue", "h", "--reviewer", "ann"])
        #expect(next.status == 0, "\(next.transcript)")
        #expect(next.stdout.contains("pwned"), "the content is shown, as placeholders")
        _ = try run(["next", "--queue", "h", "--reviewer", "ann", "--json"])
        _ = try run(["decide", "h1\u{202E}", "--queue", "h", "--reviewer", "ann", "--label", "bad"])
        _ = try run(["decide", "h1\u{202E}", "--queue", "h", "--reviewer", "ann", "--label", "bad"])  // refused: echoes the id
        _ = try run(["decide", "h1\u{202E}", "--queue", "h", "--reviewer", "bob", "--label", "\u{1B}[31mred"])  // refused: echoes the label
        _ = try run(["queues"])
        _ = try run(["status"])
        _ = try run(["audit"])
        for (command, result) in transcripts {
            #expect(Self.rawControls(result.stdout).isEmpty, "docket \(command) printed \(Self.rawControls(result.stdout)) on stdout")
            #expect(Self.rawControls(result.stderr).isEmpty, "docket \(command) printed \(Self.rawControls(result.stderr)) on stderr:\n\(result.stderr)")
        }
    }
}
