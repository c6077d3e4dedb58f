import Foundation
import Testing

/// The three crashes of issue 17 (exit 132, SIGILL) and the values stored wrapped, through the real binary:
/// each bad number is refused with file, line and field, the good records around it go in and are audited,
/// and no command that reads what is stored dies by a signal, even on a database edited by hand.
@Suite struct ExtremeNumberCLITests {
    let folder: TemporaryFolder
    let db: String

    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("extreme-numbers")
        db = try makeDatabase(in: folder, queue: "q", items: 0)
    }

    /// Imports `bad` between two good records; expects exit 65 naming `field` on line 2, the good ones
    /// stored and an import audit row, and no signal.
    func expectRefused(_ bad: String, field: String) throws {
        let file = try folder.write("bad.jsonl", [itemLine("good-1"), bad, itemLine("good-2")].joined(separator: "\n") + "\n")
        let result = try docket(["import", file, "--queue", "q", "--db", db])
        #expect(result.status == 65, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains("bad.jsonl:2: field '\(field)'"), Comment(rawValue: result.stderr))
        let facts = try DatabaseFacts(db)
        #expect(try facts.count("SELECT count(*) FROM items WHERE external_id IN ('good-1', 'good-2')") == 2)
        #expect(try facts.count("SELECT count(*) FROM items WHERE external_id = 'x'") == 0)
        #expect(try facts.count("SELECT count(*) FROM audit WHERE action = 'import'") >= 1)
    }

    @Test func aSpanOffsetOf2To63OrMoreIsRefusedNotACrash() throws {
        for end in ["1e19", "9223372036854775808", "18446744073709551616", "1e300"] {
            try expectRefused(#"{"id":"x","text":"hello","explanations":[{"model":"m","text":"t","spans":[{"start":0,"end":\#(end)}]}]}"#,
                              field: "explanations[0].spans[0].end")
        }
    }

    @Test func aCreationTimeOutsideTheYears0To9999IsRefused() throws {
        for time in ["-1e300", "1e300", "9e18", "18446744073709551616"] {
            try expectRefused(#"{"id":"x","text":"hello","created_at":\#(time)}"#, field: "created_at")
        }
        // `next` serves the good items, as it crashed on the bad one before.
        let next = try docket(["next", "--queue", "q", "--reviewer", "ann", "--json", "--db", db])
        #expect(next.status == 0, Comment(rawValue: next.transcript))
    }

    @Test func aDecisionTimeOutsideTheYears0To9999IsRefusedAndTheRawExportWorks() throws {
        for time in ["1e300", "18446744073709551616", "-1e300"] {
            try expectRefused(#"{"id":"x","text":"hello","decisions":[{"reviewer":"r","label":"bad","at":\#(time)}]}"#, field: "decisions[0].at")
        }
        let out = folder.file("raw")
        let export = try docket(["export", "--queue", "q", "--format", "raw", "--out", out, "--db", db])
        #expect(export.status == 0, Comment(rawValue: export.transcript))
        let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("docket-export") }
        #expect(hidden.isEmpty, "left behind: \(hidden)")
    }

    @Test func aReportCountOf2To64IsRefusedNotStoredAsZero() throws {
        try expectRefused(#"{"id":"x","text":"hello","reports":18446744073709551616}"#, field: "reports")
        try expectRefused(#"{"id":"x","text":"hello","reports":2.5}"#, field: "reports")
    }

    @Test func storedTimesEditedOutOfRangeAreShownNotCrashedOn() throws {
        let file = try folder.write("ok.jsonl", itemLine("one", extra: #","decisions":[{"reviewer":"r","label":"bad"}]"#) + "\n" + itemLine("two") + "\n")
        let imported = try docket(["import", file, "--queue", "q", "--db", db])
        try #require(imported.status == 0, Comment(rawValue: imported.transcript))
        // A hand edit puts times no import accepts into the file (items are not history: no trigger).
        let edit = try shell("sqlite3 '\(db)' \"UPDATE items SET created_at = 1e300, reports = 1e300 WHERE external_id = 'two'\"")
        try #require(edit.status == 0, Comment(rawValue: edit.transcript))
        for arguments in [["next", "--queue", "q", "--reviewer", "ann", "--json"], ["status"], ["queues"],
                          ["export", "--queue", "q", "--format", "raw", "--out", folder.file("raw2")]] {
            let result = try docket(arguments + ["--db", db])
            #expect(result.status < 128, Comment(rawValue: "\(arguments): \(result.transcript)"))
        }
    }
}
