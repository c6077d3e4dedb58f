import DocketCore
@testable import DocketStore
import DocketIO
import Foundation
import PropertyBased
import Testing

/// Property tests of the import path with hostile input: the parser, the JSONL and CSV sources and the
/// store. Cases per property: `DOCKET_FUZZ_CASES` (default 100; the parser gets 10 times as many).
/// A failure prints the seed; `.fixedSeed("...")` on the test replays it.
@Suite(.timeLimit(.minutes(2)))
struct HostileImportFuzzTests {
    static let cases = Int(ProcessInfo.processInfo.environment["DOCKET_FUZZ_CASES"] ?? "") ?? 100

    func temporaryFile(_ name: String, _ lines: [[UInt8]], header: String? = nil) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-fuzz-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var bytes: [UInt8] = header.map { Array(($0 + "\n").utf8) } ?? []
        for line in lines { bytes += line + [0x0A] }
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
    }

    /// 1-based numbers of the lines a JSONL reader must report (blank lines are skipped).
    func recordLines(_ lines: [[UInt8]]) -> [Int] {
        lines.enumerated().filter { _, line in line.contains { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D } }.map { $0.offset + 1 }
    }

    @Test("the JSON parser never crashes on mutated records or random bytes; every rejection names the byte")
    func parser() async {
        await propertyCheck(count: Self.cases * 10, input: Gen.uint64()) { seed in
            var input = HostileInput(seed: seed)
            let line = input.jsonlLines(count: 1, idPrefix: "p", allowHuge: false)[0]
            do {
                let value = try JSONParser.parse(line)
                // Whatever parses is either a record or a rejection naming a reason.
                do { _ = try ImportRecord.from(value) } catch let error as InputError { #expect(!error.message.isEmpty) }
            } catch let error as InputError {
                #expect(error.message.contains("byte"), "\(error.message)")
            }
        }
    }

    @Test("any JSON value with hostile strings survives writing and parsing unchanged")
    func roundTrip() async {
        await propertyCheck(count: Self.cases * 5, input: Gen.uint64()) { seed in
            var input = HostileInput(seed: seed)
            let value = input.json(depth: 6)
            let written = JSONWriter.string(value)
            #expect(!written.utf8.contains(0x0A), "a written value must stay on one JSONL line")
            let parsed = try? JSONParser.parse(written)
            #expect(parsed == value)
        }
    }

    @Test("nesting deeper than 64 levels is rejected with a message, however deep, without a stack overflow")
    func deepNesting() async {
        await propertyCheck(count: Self.cases, input: Gen.int(in: 1...5_000)) { depth in
            var input = HostileInput(seed: UInt64(depth))
            var text = ""
            var close = ""
            for _ in 0..<depth {
                if input.chance(50) { text += "{\"k\":"; close = "}" + close } else { text += "["; close = "]" + close }
            }
            let document = text + "1" + close
            do {
                _ = try JSONParser.parse(document)
                #expect(depth <= JSONParser.maxDepth, "depth \(depth) was accepted")
            } catch let error as InputError {
                #expect(depth > JSONParser.maxDepth, "depth \(depth) was rejected: \(error.message)")
                #expect(error.message.contains("nesting deeper than 64 levels"), "\(error.message)")
            }
        }
        // Far past any stack: a million opening brackets.
        let million = String(repeating: "[", count: 1_000_000)
        #expect(throws: InputError.self) { try JSONParser.parse(million) }
    }

    @Test("the JSONL source reports every line once: a record or a rejection naming file and line")
    func jsonlSource() async throws {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            var input = HostileInput(seed: seed)
            let lines = input.jsonlLines(count: 1 + input.below(30), idPrefix: "fz", allowHuge: input.chance(3))
            let path = try temporaryFile("fuzz.jsonl", lines)
            defer { remove(path) }
            let source = try JSONLImportSource(path: path)
            var reported: [Int] = []
            while let entry = try source.next() {
                switch entry {
                case .record(_, let line, _):
                    reported.append(line)
                case .rejected(let error):
                    #expect(error.file == path)
                    #expect(error.description.hasPrefix("\(path):\(error.line ?? -1): "), "\(error)")
                    reported.append(error.line ?? -1)
                }
                if reported.count > lines.count { break }  // a reader that never ends: fail, do not hang
            }
            #expect(reported == recordLines(lines))
        }
    }

    @Test("the CSV source ends, and every rejected row names file and line")
    func csvSource() async throws {
        await propertyCheck(count: Self.cases, input: Gen.uint64()) { seed in
            var input = HostileInput(seed: seed)
            let rows = input.csvRows(count: 1 + input.below(30), idPrefix: "cz")
            let path = try temporaryFile("fuzz.csv", rows, header: "id,text,group,reports,score.m.bad")
            defer { remove(path) }
            let source = try CSVImportSource(path: path)
            var entries = 0
            var lastLine = 1
            // A quoted field may hold line breaks: count the file's physical lines.
            let physicalLines = 1 + rows.reduce(0) { $0 + 1 + $1.filter { $0 == 0x0A }.count }
            while let entry = try source.next() {
                entries += 1
                let line: Int
                switch entry {
                case .record(_, let at, _): line = at
                case .rejected(let error):
                    #expect(error.file == path, "\(error)")
                    line = error.line ?? -1
                }
                // Records start on increasing lines after the header, within the file.
                #expect(line > lastLine && line <= physicalLines, "line \(line) after \(lastLine) of \(physicalLines)")
                lastLine = line
                if entries >= physicalLines { break }  // a reader that never ends: fail, do not hang
            }
            // At most one record per physical line after the header (a stray quote may split a row).
            #expect(entries <= physicalLines - 1)
        }
    }

    @Test("importing fuzzed files never changes the items already stored, nor their decisions", arguments: StoreBackend.underTest)
    func storeUnchanged(backend: StoreBackend) async throws {
        let f = try StoreFixture(backend, overlap: 2)
        var good = HostileInput(seed: 42)
        #expect(try f.importLines((0..<40).map { good.validRecord(id: "good-\($0)") }).inserted == 40)
        for _ in 0..<5 {
            let item = try #require(try f.store.claimNext(queue: "q", reviewer: "ann"))
            try f.store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: "ann", label: "bad"))
        }
        let before = try f.checksum(itemsWithPrefix: "good-")

        await propertyCheck(count: max(10, Self.cases / 2), input: Gen.uint64()) { seed in
            var input = HostileInput(seed: seed)
            let csv = input.chance(30)
            let lines = csv ? input.csvRows(count: 1 + input.below(30), idPrefix: "fz-\(seed % 1000)")
                : input.jsonlLines(count: 1 + input.below(30), idPrefix: "fz-\(seed % 1000)", allowHuge: input.chance(3))
            let path = try f.write(csv ? "fuzz-\(seed).csv" : "fuzz-\(seed).jsonl",
                                   String(decoding: [], as: UTF8.self))
            var bytes: [UInt8] = csv ? Array("id,text,group,reports,score.m.bad\n".utf8) : []
            for line in lines { bytes += line + [0x0A] }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            let summary = try f.importFile(path)
            #expect(summary.rejections.allSatisfy { $0.file == path && $0.line != nil }, "\(summary.rejections.prefix(3))")
            if !csv {
                #expect(summary.inserted + summary.updated + summary.unchanged + summary.rejected == recordLines(lines).count)
            }
            #expect(try f.checksum(itemsWithPrefix: "good-") == before)
            // Strict: a file with any rejection stores nothing at all.
            if summary.rejected > 0 {
                let count = try f.summary().items
                #expect(throws: StrictImportFailure.self) { try f.importFile(path, strict: true) }
                #expect(try f.summary().items == count)
            }
            try? FileManager.default.removeItem(atPath: path)
        }
        #expect(try f.store.integrityCheck() == "ok")
    }

    @Test("every Unicode control and format character is stored exactly, escaped or raw (raw C0 is rejected)",
          arguments: StoreBackend.underTest)
    func everyControlAndFormatCharacter(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        var lines: [String] = []
        var expected: [String: String] = [:]
        for scalar in HostileInput.controlAndFormat {
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let text = "a" + String(scalar) + "b"
            // Escaped as \uXXXX (a surrogate pair beyond the BMP), as JSON from any tool may carry it.
            let units = Array(String(scalar).utf16).map { String(format: "\\u%04X", $0) }.joined()
            lines.append(#"{"id":"esc-\#(hex)","text":"a\#(units)b"}"#)
            expected["esc-\(hex)"] = text
            if scalar.value >= 0x20 {
                // Raw in the file: allowed for everything but C0, which JSON requires to be escaped.
                lines.append(#"{"id":"raw-\#(hex)","text":"\#(text)"}"#)
                expected["raw-\(hex)"] = text
            }
        }
        lines.append("{\"id\":\"raw-C0\",\"text\":\"a\u{1B}[2Jb\"}")
        let summary = try f.importLines(lines)
        #expect(summary.inserted == expected.count)
        #expect(summary.rejected == 1 && summary.rejections.first?.line == lines.count)
        #expect(summary.rejections.first?.message.contains("control character") == true)
        for (id, text) in expected {
            let stored = try f.store.item(queue: "q", externalID: id).text
            #expect(Array(stored.unicodeScalars) == Array(text.unicodeScalars), "\(id)")
        }
        #expect(HostileInput.controlAndFormat.count > 200, "the list covers C0, C1, bidi, zero-width, tags...")
    }
}
