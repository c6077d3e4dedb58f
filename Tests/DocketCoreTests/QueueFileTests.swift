import DocketCore
import Foundation
import Testing

/// Queue files as a lead writes them: the shipped examples load with what their guides promise, and a
/// broken file is refused with its name, the line and the field at fault.
@Suite struct QueueFileTests {
    static let queues = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Queues")

    func shipped(_ name: String) throws -> QueueDefinition {
        let path = Self.queues.appendingPathComponent(name + ".yml").path
        return try QueueFile.parse(try String(contentsOfFile: path, encoding: .utf8), file: name + ".yml")
    }

    @Test func theHateAndHarassmentQueueAsksTwoReviewersAndMixesInGold() throws {
        let queue = try shipped("hate-harassment")
        #expect(queue.id == "hate-harassment")
        #expect(queue.labels.map(\.id) == ["hatespeech", "offensive", "normal"])
        #expect(queue.labels.map(\.key) == ["1", "2", "3"])
        #expect(!queue.tags.isEmpty)
        #expect(queue.overlap == 2)
        #expect(queue.goldRate > 0)
        #expect(!queue.guidelines.isEmpty)
    }

    @Test func theSelfHarmQueueHasASeverityScaleAndWellbeingOnByDefault() throws {
        let queue = try shipped("self-harm")
        #expect(queue.severity.count >= 3)
        #expect(queue.wellbeing.maskUntilReveal)
        #expect(queue.wellbeing.breakReminderMinutes != nil)
        #expect(queue.priority.mode == .weighted)
    }

    @Test func theSpamQueueLoads() throws {
        let queue = try shipped("spam-scams")
        #expect(queue.labels.count >= 2)
        #expect(Set(queue.labels.map(\.key)).count == queue.labels.count)
    }

    static let base = """
        id: q
        title: Q
        labels:
          - {id: bad, key: "1"}
          - {id: fine, key: "2"}
        """

    @Test(arguments: [
        (base + "\noverlap: 9", "broken.yml:6: field 'overlap': must be between 1 and 5, not 9"),
        (base + "\ngold_rate: 0.9", "broken.yml:6: field 'gold_rate': must be between 0.0 and 0.5"),
        (base + "\npriority:\n  - {rule: loudest}", "broken.yml:7: field 'priority[0].rule': unknown rule 'loudest'"),
        (base + "\npriority:\n  - {rule: score}", "broken.yml:7: field 'priority[0]': rule 'score' needs a 'category'"),
        (base + "\ncolour: red", "broken.yml:6: field 'colour': unknown key 'colour'"),
        ("id: q\ntitle: Q\nlabels:\n  - {id: bad, key: \"1\"}\n  - {id: bad, key: \"2\"}", "broken.yml:5: field 'labels[1].id': 'bad' is listed twice"),
        ("id: q\ntitle: Q\nlabels:\n  - {id: bad, key: \"1\"}\n  - {id: fine, key: \"1\"}", "broken.yml:5: field 'labels[1].key': key '1' is already used"),
        ("id: q\ntitle: Q\nlabels:\n  - {id: bad, key: \"s\"}", "broken.yml:4: field 'labels[0].key': key 's' is reserved"),
        ("title: Q\nlabels:\n  - {id: bad, key: \"1\"}", "broken.yml:1: field 'id': 'id' is required but missing"),
        ("id: q\ntitle: [unclosed\nlabels: []", "broken.yml:3: not valid YAML"),
    ])
    func aBrokenFileNamesFileLineAndField(text: String, expected: String) {
        do {
            _ = try QueueFile.parse(text, file: "broken.yml")
            Issue.record("accepted a broken queue file; expected: \(expected)")
        } catch {
            #expect(error.description.hasPrefix(expected), "\(error.description)")
        }
    }
}
