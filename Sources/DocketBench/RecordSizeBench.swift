import DocketCore
import Foundation

/// The per-record work of an import (parse, validate, order the stored lists, work out the columns) for one
/// record holding n scores, n spans, n turns or n decisions, from 10 to each list's limit (issue 17, item 7:
/// 200,000 scores took more than 6 minutes): the time per entry, which stays flat when every step is
/// O(n log n) or better. Also a queue file of n labels. Figures: `record_<list>_us_per_entry_<n>`, CPU time.
func runRecordSizeBench(quick: Bool) throws -> [String: Double] {
    var figures: [String: Double] = [:]
    let sizes = quick ? [10, 1_000] : [10, 100, 1_000, 10_000]
    let policy = PriorityPolicy(mode: .weighted, rules: [.init(.score(category: "c5", model: nil)), .init(.oldest)])
    let text = String(repeating: "word ", count: 20)  // 100 code points: spans lie within it
    for size in sizes {
        let lists: [(String, String)] = [
            ("scores", "\"scores\":[" + (0..<size).map { #"{"model":"m\#($0 % 97)","category":"c\#($0)","score":0.5,"threshold":0.5}"# }.joined(separator: ",") + "]"),
            ("spans", "\"explanations\":[{\"model\":\"m\",\"spans\":[" + (0..<size).map { #"{"start":\#($0 % 99),"end":\#($0 % 99 + 1),"weight":0.5}"# }.joined(separator: ",") + "]}]"),
            ("turns", "\"turns\":[" + (0..<size).map { #"{"speaker":"s\#($0 % 2)","text":"turn \#($0)"}"# }.joined(separator: ",") + "]"),
            ("decisions", "\"decisions\":[" + (0..<min(size, ImportLimits.decisions)).map { #"{"reviewer":"r\#($0)","label":"bad","at":1700000000,"seconds":3}"# }.joined(separator: ",") + "]"),
        ]
        for (name, list) in lists where name != "decisions" || size <= ImportLimits.decisions {
            let line = Array(("{\"id\":\"x\",\"text\":\"\(text)\"," + list + "}").utf8)
            // Enough repetitions for a steady figure: about 200,000 entries per measurement (20,000 with --quick).
            let repetitions = max(3, (quick ? 20_000 : 200_000) / size)
            let start = Measure.cpuSeconds()
            for _ in 0..<repetitions {
                let record = try ImportRecord.from(JSONParser.parse(line))
                _ = StoredItemFields(record, policy: policy, importedAt: 1_700_000_000)
            }
            let seconds = Measure.cpuSeconds() - start
            figures["record_\(name)_us_per_entry_\(size)"] = seconds / Double(repetitions * size) * 1e6
        }
        if size <= ImportLimits.labels {
            var yaml = "id: q\nlabels:\n"
            for index in 0..<size { yaml += "  - {id: l\(index), key: \"\(Character(Unicode.Scalar(0x4E00 + index)!))\"}\n" }
            let repetitions = max(3, (quick ? 2_000 : 20_000) / size)
            let start = Measure.cpuSeconds()
            for _ in 0..<repetitions { _ = try QueueFile.parse(yaml, file: "q.yml") }
            figures["queue_labels_us_per_label_\(size)"] = (Measure.cpuSeconds() - start) / Double(repetitions * size) * 1e6
        }
    }
    return figures
}
