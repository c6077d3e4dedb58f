import Foundation
import Testing

/// The exit codes of Docs/cli.md that come from the one error model: each failure kind, through the real binary.
@Suite struct ExitCodeTests {
    let folder: TemporaryFolder

    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("exit-codes")
    }

    @Test func aScreenWithoutATerminalIsUnavailable() throws {
        let db = try makeDatabase(in: folder, queue: "q", items: 1)
        // The test runner's standard input is not a terminal.
        let result = try docket(["review", "--queue", "q", "--reviewer", "ann", "--db", db])
        #expect(result.status == 69, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains("needs a terminal"))
    }

    @Test func aDatabaseThatCannotBeCreatedIsAnIOError() throws {
        let result = try docket(["init", "--db", folder.path + "/no-such-folder/x.sqlite", "--queues", folder.path])
        #expect(result.status == 74, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains("no-such-folder/x.sqlite"))
    }

    @Test func aMissingDatabaseIsNotFound() throws {
        let result = try docket(["queues", "--db", folder.path + "/absent.sqlite"])
        #expect(result.status == 66, Comment(rawValue: result.transcript))
    }

    @Test func aFileThatIsNotADatabaseIsDamaged() throws {
        let path = folder.path + "/garbage.sqlite"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let result = try docket(["queues", "--db", path])
        #expect(result.status == 5, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains("damaged"))
    }
}

extension ExitCodeTests {
    /// A bootstrap count past the documented maximum is a usage error at once, not hours of work.
    @Test(arguments: [["report", "agreement"], ["report", "model"]])
    func anEndlessBootstrapIsRefused(command: [String]) throws {
        let db = try makeDatabase(in: folder, queue: "q", items: 1)
        let result = try docket(command + ["--queue", "q", "--bootstrap", "9223372036854775807", "--db", db])
        #expect(result.status == 64, Comment(rawValue: result.transcript))
        #expect(result.stderr.contains("--bootstrap must be between 0 and 100000"))
    }
}
