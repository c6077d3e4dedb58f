@testable import DocketCore
@testable import DocketIO
import Foundation
import Testing

/// Reading ahead on another thread must not change what an import sees: the same entries in the same order,
/// rejections where they were, the end of the file once, and no thread left waiting when the reader stops early.
struct ImportPrefetcherTests {
    /// A JSONL file of `count` records with a bad line every `badEvery` lines and some blank lines.
    func writeFile(count: Int, badEvery: Int) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("prefetch-\(UUID().uuidString.prefix(8)).jsonl").path
        var text = ""
        for index in 0..<count {
            if index % badEvery == badEvery - 1 {
                text += "{\"id\": \"bad-\(index)\", \"text\": 17}\n"
            } else {
                text += "{\"id\": \"item-\(index)\", \"text\": \"text \(index)\", \"scores\": [{\"model\": \"m\", \"category\": \"c\", \"score\": 0.\(index % 10)}]}\n"
            }
            if index % 97 == 0 { text += "\n" }
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// What a plain read of `source` gives, one line per entry.
    func described(_ input: ImportInput) -> String {
        switch input {
        case let .record(record, line, fingerprint): return "\(line) \(record.id) \(record.scores.first?.score ?? -1) \(fingerprint)"
        case let .rejected(error): return "rejected \(error)"
        }
    }

    @Test("entries come out as a plain read gives them, across many batches, rejections in place, with 1 to 4 decoding threads",
          arguments: [1, 2, 4])
    func sameEntriesInTheSameOrder(workers: Int) throws {
        let path = try writeFile(count: ImportPrefetcherSizes.batchSize * 9 + 17, badEvery: 50)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plain = try JSONLImportSource(path: path)
        var expected: [String] = []
        while let entry = try plain.next() { expected.append(described(entry)) }

        let prefetcher = ImportPrefetcher(try JSONLImportSource(path: path), workers: workers) { input in input }
        var seen: [String] = []
        while let entry = try prefetcher.next() { seen.append(described(entry)) }
        #expect(seen == expected)
        #expect(seen.filter { $0.hasPrefix("rejected") }.count == (ImportPrefetcherSizes.batchSize * 9 + 17) / 50)
        #expect(try prefetcher.next().map(described) == nil)   // the end stays the end
        let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int
        #expect(prefetcher.progress.done == Int64(size ?? -1))
    }

    @Test("the prepare step runs on each entry before it is handed out")
    func prepareRunsOnEveryEntry() throws {
        let path = try writeFile(count: 600, badEvery: 7)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let prefetcher = ImportPrefetcher(try JSONLImportSource(path: path)) { input -> String? in
            if case .record(let record, _, _) = input { return ContentHash.of(record.text) }
            return nil
        }
        var hashes: [String?] = []
        while let entry = try prefetcher.next() { hashes.append(entry) }
        #expect(hashes.count == 600)
        #expect(hashes.compactMap { $0 }.count == 600 - 600 / 7)
        #expect(hashes[0] == ContentHash.of("text 0"))
    }

    @Test("a reader dropped early lets its thread end (no wait forever), and a fresh one reads the file again")
    func droppedEarly() throws {
        let path = try writeFile(count: ImportPrefetcherSizes.batchSize * 20, badEvery: 1_000_000)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for _ in 0..<20 {
            let prefetcher = ImportPrefetcher(try JSONLImportSource(path: path)) { $0 }
            _ = try prefetcher.next()
        }
        let prefetcher = ImportPrefetcher(try JSONLImportSource(path: path)) { $0 }
        var count = 0
        while try prefetcher.next() != nil { count += 1 }
        #expect(count == ImportPrefetcherSizes.batchSize * 20)
    }

    @Test("lines longer than a raw batch, between short ones, come out whole and in order")
    func longLines() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("prefetch-long-\(UUID().uuidString.prefix(8)).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let long = String(repeating: "word ", count: ImportPrefetcherSizes.rawBatchBytes / 4)   // 1.25 MB of text
        var text = ""
        for index in 0..<40 {
            text += "{\"id\": \"item-\(index)\", \"text\": \"\(index % 7 == 3 ? long : "short \(index)")\"}\n"
        }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let prefetcher = ImportPrefetcher(try JSONLImportSource(path: path), workers: 3) { input -> String in
            guard case .record(let record, let line, _) = input else { return "rejected" }
            return "\(line) \(record.id) \(record.text.utf8.count)"
        }
        var seen: [String] = []
        while let entry = try prefetcher.next() { seen.append(entry) }
        #expect(seen == (0..<40).map { "\($0 + 1) item-\($0) \($0 % 7 == 3 ? long.utf8.count : "short \($0)".utf8.count)" })
    }

    /// A line source whose read fails after `failAfter` lines, as a disk error would.
    final class FailingLineSource: LineImportSource {
        let file = "failing.jsonl"
        let failAfter: Int
        private var read = 0
        init(failAfter: Int) { self.failAfter = failAfter }
        var progress: (done: Int64, total: Int64?) { (Int64(read), nil) }
        func next() throws -> ImportInput? { try nextLine { lineDecoder($0, $1) } }
        func nextLine<T>(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> T) throws -> T? {
            guard read < failAfter else { throw InputError(file: file, line: read + 1, "read failed: disk on fire") }
            read += 1
            var bytes = Array("{\"id\": \"item-\(read)\", \"text\": \"t\"}".utf8)
            return try bytes.withUnsafeMutableBufferPointer { try body(UnsafeBufferPointer($0), read) }
        }
        var lineDecoder: @Sendable (UnsafeBufferPointer<UInt8>, Int) -> ImportInput {
            { bytes, line in JSONLImportSource.decode(bytes, line: line, file: "failing.jsonl") }
        }
    }

    @Test("a read error ends the stream where it happened: every line before it, then the error, then the end",
          arguments: [1, 3])
    func readErrorInPlace(workers: Int) throws {
        let failAfter = ImportPrefetcherSizes.batchSize * 5 + 31
        let prefetcher = ImportPrefetcher(FailingLineSource(failAfter: failAfter), workers: workers) { input -> String in
            guard case .record(let record, _, _) = input else { return "rejected" }
            return record.id
        }
        var seen: [String] = []
        var thrown: String?
        do {
            while let entry = try prefetcher.next() { seen.append(entry) }
        } catch {
            thrown = "\(error)"
        }
        #expect(seen == (1...failAfter).map { "item-\($0)" })
        #expect(thrown?.contains("disk on fire") == true)
        #expect(try prefetcher.next() == nil)
    }

    @Test("a source that is not line-based (CSV) is read ahead on one thread with the same result")
    func csvThroughOneThread() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("prefetch-\(UUID().uuidString.prefix(8)).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var text = "id,text\n"
        for index in 0..<(ImportPrefetcherSizes.batchSize * 3 + 5) { text += "item-\(index),\"text, \(index)\"\n" }
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let plain = try CSVImportSource(path: path)
        var expected: [String] = []
        while let entry = try plain.next() { expected.append(described(entry)) }
        let prefetcher = ImportPrefetcher(try CSVImportSource(path: path), workers: 4) { $0 }
        var seen: [String] = []
        while let entry = try prefetcher.next() { seen.append(described(entry)) }
        #expect(seen == expected)
        #expect(seen.count == ImportPrefetcherSizes.batchSize * 3 + 5)
    }
}
