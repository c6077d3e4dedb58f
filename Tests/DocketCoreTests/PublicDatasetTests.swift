import DocketCore
import DocketIO
import Foundation
import Testing
import TestScratch

/// Conversion rules of the public data set importers on small hand-made files.
struct PublicDatasetTests {
    func write(_ text: String, name: String) throws -> String {
        let folder = TestScratch.folder("docket-datasets")
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func hateXplainRationalesBecomeCodePointSpans() throws {
        let post = #"{"p1_gab": {"post_id": "p1_gab", "annotators": [{"label": "hatespeech", "annotator_id": 7, "target": ["Women"]}, {"label": "offensive", "annotator_id": 9, "target": ["None"]}, {"label": "normal", "annotator_id": 12, "target": ["None"]}], "rationales": [[0, 1, 1, 0], [0, 0, 0, 1]], "post_tokens": ["é", "😀x", "bad", "words"]}}"#
        let entries = try PublicDataset.records(kind: .hatexplain, task: nil, files: [try write(post, name: "h.json")], from: LocalFiles())
        let record = try #require(entries.first?.record)
        #expect(record.text == "é 😀x bad words")
        #expect(record.decisions.map(\.reviewer) == ["7", "9", "12"])
        #expect(record.decisions.map(\.label) == ["hatespeech", "offensive", "normal"])
        let scalars = Array(record.text.unicodeScalars)
        func slice(_ span: Span) -> String { String(String.UnicodeScalarView(scalars[span.start ..< span.end])) }
        #expect(record.explanations.count == 2)
        #expect(record.explanations[0].spans.map(slice) == ["😀x bad"])
        #expect(record.explanations[1].spans.map(slice) == ["words"])
        let toxic = try PublicDataset.records(kind: .hatexplain, task: "toxic", files: [try write(post, name: "h.json")], from: LocalFiles())
        #expect(toxic[0].record.decisions.map(\.label) == ["1", "1", "0"])
    }

    @Test func convAbuseKeepsEachRatersFirstRatingByExampleNumber() throws {
        let header = "example_no,annotator_id,conv_id,prev_agent,prev_user,agent,user,bot,is_abuse.1,is_abuse.0,is_abuse.-1,is_abuse.-2,is_abuse.-3"
        let rows = [
            "5,Annotator1,1.0,_,_,Hi,you idiot,E.L.I.Z.A.,0,0,0,1,0",   // a repeat, but later by example_no
            "2,Annotator1,1.0,_,_,Hi,you idiot,E.L.I.Z.A.,0,0,1,0,0",
            "3,Annotator2,1.0,_,_,Hi,you idiot,E.L.I.Z.A.,1,0,0,0,0",
            "4,Annotator2,1.0,_,\"hello, bot\",Hi,you idiot,E.L.I.Z.A.,1,0,0,0,0",  // a different item (prev_user differs)
        ]
        let path = try write(([header] + rows).joined(separator: "\n") + "\n", name: "c.csv")
        let entries = try PublicDataset.records(kind: .convabuse, task: "severity", files: [path], from: LocalFiles())
        #expect(entries.count == 2)
        #expect(entries[0].record.decisions.map { "\($0.reviewer)=\($0.label)" } == ["Annotator1=-1", "Annotator2=1"])
        #expect(entries[0].line == 3)
        #expect(entries[1].record.turns.map(\.text) == ["hello, bot", "Hi", "you idiot"])
        let binary = try PublicDataset.records(kind: .convabuse, task: "binary", files: [path], from: LocalFiles())
        #expect(binary[0].record.decisions.map(\.label) == ["1", "0"])
    }

    @Test func brokenInputNamesFileLineAndField() throws {
        let header = "example_no,annotator_id,conv_id,prev_agent,prev_user,agent,user,bot,is_abuse.1,is_abuse.0,is_abuse.-1,is_abuse.-2,is_abuse.-3"
        let path = try write(header + "\nx,Annotator1,1.0,_,_,Hi,yo,E.L.I.Z.A.,1,0,0,0,0\n", name: "bad.csv")
        #expect(throws: InputError(file: path, line: 2, field: "example_no", "must be a whole number, not 'x'")) {
            try PublicDataset.records(kind: .convabuse, task: nil, files: [path], from: LocalFiles())
        }
        #expect(throws: InputError.self) { try PublicDataset.records(kind: .armis, task: "nope", files: [path], from: LocalFiles()) }
    }
}
