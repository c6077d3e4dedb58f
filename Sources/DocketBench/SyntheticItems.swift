#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import DocketCore

/// Draws for the synthetic data from DocketCore's SplitMix64, so every run imports the same items.
extension SeededGenerator {
    /// A whole number in `0..<bound`.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A number in [0, 1) with two decimals' worth of spread and more (53 random bits).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

/// Writes synthetic import records as JSONL, shaped like real classifier output: about 200
/// characters of text (some non-ASCII, some escapes), a metadata object of five fields, five model
/// scores with thresholds and one explanation with two spans.
struct SyntheticItems {
    /// Words the text is made of; a few are non-ASCII (accents, Cyrillic, CJK, emoji) so that the
    /// UTF-8 validation and code point counting paths run as they do on real content.
    private static let words: [(bytes: [UInt8], codePoints: Int)] = [
        "the", "this", "post", "is", "about", "people", "who", "never", "really", "said", "that", "you",
        "should", "go", "back", "to", "where", "they", "came", "from", "honestly", "what", "a", "joke",
        "thread", "reply", "everyone", "knows", "café", "naïve", "Zürich", "привет", "日本語", "😀", "señor",
        "über", "link", "account", "free", "money", "click", "here", "today", "again", "stop", "it",
    ].map { word in (Array(word.utf8), word.unicodeScalars.count) }

    private static let categories = ["toxic", "hatespeech", "offensive", "spam", "selfharm"]
    private static let platforms = ["forum", "chat", "comments", "reviews"]
    private static let languages = ["en", "de", "fr", "es", "ru"]

    /// The id of the queue in ``queueYAML``.
    static let queueID = "bench"

    /// The queue the records are meant for: one label per category and a priority policy that
    /// reads the scores, as the example queues do.
    static let queueYAML = """
        id: bench
        title: Benchmark queue
        guidelines: Synthetic items for DocketBench.
        labels:
          - {id: violating, key: "1", description: Breaks the rules}
          - {id: fine, key: "2", description: Does not}
        overlap: 2
        lease_minutes: 15
        priority:
          mode: ordered
          rules:
            - {rule: uncertainty, category: toxic}
            - {rule: score, category: hatespeech}
            - {rule: oldest}
        """

    var random: SeededGenerator
    private var line: [UInt8] = []

    init(seed: UInt64 = 42) {
        random = SeededGenerator(seed: seed)
        line.reserveCapacity(2048)
    }

    /// Writes `count` records (ids `prefix-0` ...) to `path`; returns the file's size in bytes.
    @discardableResult
    mutating func write(count: Int, to path: String, idPrefix: String = "item") throws -> Int {
        guard let file = fopen(path, "w") else { throw BenchError("cannot write \(path)") }
        defer { fclose(file) }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20)
        var total = 0
        for index in 0..<count {
            appendRecord(index: index, idPrefix: idPrefix)
            buffer.append(contentsOf: line)
            if buffer.count >= 1 << 20 || index == count - 1 {
                total += buffer.count
                guard fwrite(buffer, 1, buffer.count, file) == buffer.count else { throw BenchError("cannot write \(path)") }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        return total
    }

    /// Builds one record (with its newline) in `line`.
    private mutating func appendRecord(index: Int, idPrefix: String) {
        line.removeAll(keepingCapacity: true)
        put("{\"id\":\""); put(idPrefix); put("-"); put(String(index))
        put("\",\"text\":\"")
        let codePoints = appendText()
        put("\",\"group\":\"author-"); put(String(random.below(50_000)))
        put("\",\"meta\":{\"author_handle\":\"user")
        put(String(random.below(1_000_000)))
        put("\",\"platform\":\""); put(Self.platforms[random.below(Self.platforms.count)])
        put("\",\"lang\":\""); put(Self.languages[random.below(Self.languages.count)])
        put("\",\"followers\":"); put(String(random.below(100_000)))
        put(",\"verified\":"); put(random.below(10) == 0 ? "true" : "false")
        put("},\"scores\":[")
        for (position, category) in Self.categories.enumerated() {
            if position > 0 { put(",") }
            put("{\"model\":\"bench-clf\",\"version\":\"v3\",\"category\":\""); put(category)
            put("\",\"score\":"); putFraction(random.unit())
            put(",\"threshold\":"); putFraction(0.3 + random.unit() * 0.4)
            put("}")
        }
        put("],\"explanations\":[{\"model\":\"bench-clf@v3\",\"text\":\"Top tokens by attribution\",\"spans\":[")
        let first = random.below(max(1, codePoints / 2 - 10))
        put("{\"start\":"); put(String(first)); put(",\"end\":"); put(String(first + 8))
        put(",\"label\":\"toxic\",\"weight\":"); putFraction(random.unit()); put("},")
        let second = codePoints / 2 + random.below(max(1, codePoints / 2 - 10))
        put("{\"start\":"); put(String(second)); put(",\"end\":"); put(String(second + 6))
        put(",\"label\":\"insult\",\"weight\":"); putFraction(random.unit()); put("}]}]")
        put(",\"reports\":"); put(String(random.below(20)))
        put(",\"created_at\":"); put(String(1_700_000_000 + index))
        put(",\"source\":\"synthetic\"}\n")
    }

    /// About 200 characters of words; one record in ten has an escaped quote or newline.
    /// Returns the text's length in code points (after unescaping), for the spans.
    private mutating func appendText() -> Int {
        var codePoints = 0
        while codePoints < 200 {
            if codePoints > 0 { line.append(0x20); codePoints += 1 }
            let word = Self.words[random.below(Self.words.count)]
            line.append(contentsOf: word.bytes)
            codePoints += word.codePoints
        }
        if random.below(10) == 0 {
            put(random.below(2) == 0 ? "\\n" : "\\\"")
            codePoints += 1
        }
        return codePoints
    }

    private mutating func put(_ text: String) {
        var copy = text
        copy.withUTF8 { line.append(contentsOf: $0) }
    }

    /// Four decimals, as classifiers' outputs usually are written.
    private mutating func putFraction(_ value: Double) {
        let scaled = Int((value * 10_000).rounded())
        if scaled >= 10_000 { put("1"); return }
        put("0.")
        let digits = String(scaled)
        for _ in digits.count..<4 { line.append(UInt8(ascii: "0")) }
        put(digits)
    }
}

/// A benchmark that could not run (a file it could not write, a store error it did not expect).
struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
