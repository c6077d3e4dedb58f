/// The public multi-annotator data sets Docket can import as they are published (see Docs/public-datasets.md),
/// each turned into import records whose `decisions` hold the original annotators' labels.
public enum PublicDataset: String, CaseIterable, Sendable {
    /// ConvAbuse (EMNLP 2021), the long CSV `ConvAbuseEMNLPfull.csv`.
    case convabuse
    /// HS-Brexit (Le-Wi-Di 2023 JSON files).
    case hsBrexit = "hs-brexit"
    /// ArMIS (Le-Wi-Di 2023 JSON files).
    case armis
    /// HateXplain (`dataset.json` layout: post id -> post).
    case hatexplain

    /// One converted record and where it came from.
    public struct Entry: Sendable {
        /// The file the item came from.
        public var file: String
        /// The 1-based line where the item starts in `file`.
        public var line: Int
        /// The converted import record.
        public var record: ImportRecord
    }

    /// The tasks (label sets) a data set offers; the first is the default.
    public var tasks: [String] {
        switch self {
        case .convabuse: return ["severity", "binary"]
        case .hsBrexit: return ["hate_speech", "aggressive", "offensive"]
        case .armis: return ["misogyny"]
        case .hatexplain: return ["label", "toxic"]
        }
    }

    /// The label values of a task, in scale order where there is one.
    public func labels(task: String) -> [String] {
        switch (self, task) {
        case (.convabuse, "severity"): return ["-3", "-2", "-1", "0", "1"]
        case (.hatexplain, "label"): return ["normal", "offensive", "hatespeech"]
        default: return ["0", "1"]
        }
    }

    /// Converts the data set's files into import records (in item order), for `docket import --from`.
    ///
    /// - Parameters:
    ///   - task: one of ``tasks``; nil takes the first.
    ///   - input: opens the files (DocketIO's `LocalFiles` reads them from disk).
    public static func records(kind: PublicDataset, task: String?, files: [String], from input: any InputFiles) throws(InputError) -> [Entry] {
        let chosen = task ?? kind.tasks[0]
        guard kind.tasks.contains(chosen) else {
            throw InputError(field: "--task", "\(kind.rawValue) has the tasks \(kind.tasks.joined(separator: ", ")), not '\(chosen)'")
        }
        guard !files.isEmpty else { throw InputError(field: "FILE", "name at least one \(kind.rawValue) file") }
        switch kind {
        case .convabuse: return try ConvAbuseDataset.records(files: files, binary: chosen == "binary", from: input)
        case .hsBrexit, .armis: return try LeWiDiDataset.records(files: files, task: chosen, from: input)
        case .hatexplain: return try HateXplainDataset.records(files: files, toxicBinary: chosen == "toxic", from: input)
        }
    }

    /// The 1-based line of each top-level key of a pretty-printed JSON object (`"key": {` at the start of a line, indented once or not at all).
    static func topLevelKeyLines(_ bytes: [UInt8]) -> [String: Int] {
        var lines: [String: Int] = [:]
        var line = 1
        var index = 0
        while index < bytes.count {
            var cursor = index
            while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
            if cursor - index <= 4, cursor < bytes.count, bytes[cursor] == UInt8(ascii: "\"") {
                var end = cursor + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != 0x0A { end += 1 }
                if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
                    let key = String(decoding: bytes[(cursor + 1) ..< end], as: UTF8.self)
                    if lines[key] == nil, cursor - index == 4 || cursor - index == 0 { lines[key] = line }
                }
            }
            while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            index += 1
            line += 1
        }
        return lines
    }
}
