import Foundation
import Testing

/// The guides' shell examples run as written: every ```sh block of a guide, in order, in a fresh folder with
/// `docket` on the PATH, must exit 0. A block that cannot run here (it opens a screen, or builds a release)
/// is preceded by the line `<!-- not run: REASON -->`, which readers do not see.
@Suite struct GuideTests {
    /// One runnable block: where it starts in its guide, and its text.
    struct Block: CustomStringConvertible {
        var guide: String
        var line: Int
        var text: String
        var description: String { "\(guide):\(line)" }
    }

    static let docs = DocketBinary.repositoryRoot.appendingPathComponent("Docs").path

    /// The ```sh blocks of `guide` (a file of Docs/) that are not marked as not run.
    static func blocks(of guide: String) throws -> [Block] {
        blocks(in: try String(contentsOfFile: docs + "/" + guide, encoding: .utf8), guide: guide)
    }

    /// The ```sh blocks of the Markdown `text` that are not marked as not run.
    static func blocks(in text: String, guide: String) -> [Block] {
        let lines = text.components(separatedBy: "\n")
        var blocks: [Block] = []
        var index = 0
        while index < lines.count {
            let fence = lines[index].trimmingCharacters(in: .whitespaces)
            guard fence.hasPrefix("```") else { index += 1; continue }
            let skipped = index > 0 && lines[index - 1].hasPrefix("<!-- not run")
            let start = index + 1
            index = start
            while index < lines.count, lines[index].trimmingCharacters(in: .whitespaces) != "```" { index += 1 }
            if fence == "```sh" && !skipped {
                blocks.append(Block(guide: guide, line: start + 1, text: lines[start..<min(index, lines.count)].joined(separator: "\n")))
            }
            index += 1
        }
        return blocks
    }

    /// Runs the blocks of `guide` in order in a fresh folder, with `environment` added (a server's `PG...`
    /// settings); returns the folder for further checks.
    func runGuide(_ guide: String, environment: [String: String] = [:]) throws -> TemporaryFolder {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        let folder = try TemporaryFolder("guide")
        let bin = folder.path + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: bin + "/docket", withDestinationPath: DocketBinary.path)
        try FileManager.default.createDirectory(atPath: folder.path + "/home", withIntermediateDirectories: true)
        let path = bin + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        let blocks = try Self.blocks(of: guide)
        #expect(!blocks.isEmpty, "\(guide) has no runnable ```sh block")
        for block in blocks {
            // `env -u USER`: the guides must not rely on a variable that containers and cron leave unset.
            let result = try shell("cd '\(folder.path)' && exec env -u USER sh -e -c \"$GUIDE_BLOCK\"", environment: [
                "GUIDE_BLOCK": block.text, "PATH": path, "HOME": folder.path + "/home", "DOCKET_DB": "",
                "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1",
            ].merging(environment) { _, added in added })
            #expect(result.status == 0, Comment(rawValue: "\(block) failed:\n\(block.text)\n\(result.transcript)"))
            if result.status != 0 { break }  // later blocks build on this one
        }
        return folder
    }

    @Test func gettingStartedRunsAsWritten() throws {
        let folder = try runGuide("getting-started.md")
        #expect(FileManager.default.fileExists(atPath: folder.path + "/team.sqlite"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/hate-v1/manifest.json"))
    }

    @Test(arguments: ["roles.md", "install.md", "export.md", "queue-report.md", "model-report.md"])
    func guideExamplesRunAsWritten(guide: String) throws {
        _ = try runGuide(guide)
    }

    @Test func theScriptableLoopOfCliLabelsEveryItem() throws {
        let folder = try runGuide("cli.md")
        // The loop ends on exit 3 as on any other failure: check that it did the work.
        let queues = try docket(["queues", "--json", "--db", folder.path + "/docket.sqlite"])
        let list = try JSONSerialization.jsonObject(with: Data(queues.stdout.utf8)) as? [[String: Any]] ?? []
        let spam = list.first { $0["id"] as? String == "spam-scams" }
        #expect(spam?["decisions"] as? Int == 2, Comment(rawValue: queues.transcript))
    }

    @Test func onlyUnmarkedShellBlocksRun() {
        let text = "```sh\necho one\n```\n<!-- not run: opens a screen -->\n```sh\ndocket review\n```\n```python\nprint(1)\n```\n```sh\necho two\necho three\n```\n"
        let blocks = Self.blocks(in: text, guide: "x.md")
        #expect(blocks.map(\.text) == ["echo one", "echo two\necho three"])
        #expect(blocks.map(\.line) == [2, 12])
    }
}
