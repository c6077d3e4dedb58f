@testable import DocketCore
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

    @Test("entries come out as a plain read gives them, across many batches, rejections in place")
    func sameEntriesInTheSameOrder() throws {
        let path = try writeFile(count: ImportPrefetcherSizes.batchSize * 9 + 17, badEvery: 50)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let plain = try JSONLImportSource(path: path)
        var expected: [String] = []
        while let entry = try plain.next() { expected.append(described(entry)) }

        let prefetcher = ImportPrefetcher(try JSONLImportSource(path: path)) { input in input }
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
}
