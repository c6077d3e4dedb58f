@testable import DocketCore
import Testing

/// The stored form of scores and explanations: what the import writes is what every reader gets back.
struct ScoreCodingTests {
    @Test("scores are stored sorted by model and category, the last of a repeated pair winning")
    func normalisedOnWrite() {
        let given = [
            ModelScore(model: "tox", category: "insult", score: 0.2, threshold: 0.5),
            ModelScore(model: "Tox", category: "hate", score: 0.3),
            ModelScore(model: "tox", category: "hate", score: 0.4, threshold: 0.5),
            ModelScore(model: "tox", category: "insult", score: 0.9, threshold: 0.6),
            ModelScore(model: "tox", category: "spam", score: 1, threshold: 0.000001),
        ]
        let stored = ScoreCoding.string(given)
        #expect(stored == #"[{"model":"Tox","category":"hate","score":0.3,"threshold":null},{"model":"tox","category":"hate","score":0.4,"threshold":0.5},{"model":"tox","category":"insult","score":0.9,"threshold":0.6},{"model":"tox","category":"spam","score":1.0,"threshold":1e-06}]"#)
        #expect(ScoreCoding.decode(stored) == [given[1], given[2], given[3], given[4]])
        #expect(ScoreCoding.string([]) == "[]")
        #expect(ScoreCoding.decode("[]").isEmpty)
    }

    @Test("lists not in the exact stored form (spaces, exponents, escapes, other key order) read the same through the parser")
    func otherSpellingsReadTheSame() {
        let cases: [(String, [ModelScore])] = [
            (#"[ {"category": "hate", "model": "m", "threshold": 0.5, "score": 1e-3} ]"#,
             [ModelScore(model: "m", category: "hate", score: 0.001, threshold: 0.5)]),
            (#"[{"model":"a \"b\"","category":"c\u00e9","score":1.0,"threshold":null}]"#,
             [ModelScore(model: "a \"b\"", category: "cé", score: 1)]),
            (#"[{"model":"m","category":"c","score":0.12345678901234567,"threshold":0}]"#,
             [ModelScore(model: "m", category: "c", score: 0.12345678901234567, threshold: 0)]),
            // Not a score list at all: nothing, rather than something wrong.
            (#"{"model":"m"}"#, []),
            (#"[{"model":"m","category":"c"}]"#, []),
            ("not json", []),
            // Malformed numbers and a list cut short: nothing, not the entries before the fault.
            (#"[{"model":"m","category":"c","score":1-2,"threshold":null}]"#, []),
            (#"[{"model":"m","category":"c","score":01,"threshold":null}]"#, []),
            (#"[{"model":"m","category":"c","score":0.5,"threshold":null},{"model":"x","#, []),
            (#"[{"model":"m","category":"c","score":0.25,"threshold":2.5e-1}]"#,
             [ModelScore(model: "m", category: "c", score: 0.25, threshold: 0.25)]),
        ]
        for (text, expected) in cases {
            #expect(ScoreCoding.decode(text) == expected, "\(text)")
        }
    }

    @Test("every written list reads back equal, whatever the names and numbers", arguments: [1, 2, 3, 4, 5])
    func roundTrip(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let names = ["tox", "tox@v2", "spam", "\"odd\" name", "naïve", "\u{202E}rtl", "a\\b", ""]
        for _ in 0..<200 {
            var scores: [ModelScore] = []
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                let threshold: Double? = Bool.random(using: &random) ? Double.random(in: 0...1, using: &random) : nil
                scores.append(ModelScore(model: names.randomElement(using: &random)!, category: names.randomElement(using: &random)!,
                                         score: Double.random(in: 0...1, using: &random), threshold: threshold))
            }
            let decoded = ScoreCoding.decode(ScoreCoding.string(scores))
            let normalised = ScoreCoding.normalised(scores)
            #expect(decoded == normalised)
            // Sorted by model then category in byte order, each key once, holding the last score given for it.
            func key(_ score: ModelScore) -> [UInt8] { Array(score.model.utf8) + [0] + Array(score.category.utf8) }
            #expect(zip(normalised, normalised.dropFirst()).allSatisfy { key($0).lexicographicallyPrecedes(key($1)) })
            var last: [[UInt8]: ModelScore] = [:]
            for score in scores { last[key(score)] = score }
            #expect(normalised.count == last.count)
            #expect(normalised.allSatisfy { last[key($0)] == $0 })
        }
    }

    @Test("explanations are stored by model, the last for a model winning, spans intact")
    func explanations() {
        let given = [
            Explanation(model: "tox", text: "old", spans: []),
            Explanation(model: "rules", text: "word list", spans: [Span(start: 0, end: 3, label: "slur", weight: nil)]),
            Explanation(model: "tox", text: "top tokens \"here\"", spans: [Span(start: 4, end: 9, label: nil, weight: 0.5)]),
        ]
        let stored = ExplanationCoding.string(given)
        #expect(ExplanationCoding.decode(stored) == [given[1], given[2]])
        #expect(ExplanationCoding.decode("[]").isEmpty)
        #expect(ExplanationCoding.decode("junk").isEmpty)
    }
}
