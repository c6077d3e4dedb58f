import DocketCore
import Testing

/// Redaction of personal-data fields: the text path export uses (copy members through, hash a value's
/// own bytes) must give exactly what redacting the parsed metadata gives, for every shape of metadata.
struct MetadataRedactionTests {
    static let samples = [
        #"{}"#,
        #"{"author":"user1","lang":"en","reports":1}"#,
        #"{"author":null,"n":-0.5e+3,"x":[1,2,{"author":"nested stays"}],"t":true,"f":false}"#,
        #"{"author":{"name":"a","ids":[1,2]},"email":"a@b.c"}"#,
        #"{"author":"Zoë","lang":"fr"}"#,
        #"{"author":"tab\there","q":"say \"hi\""}"#,
        #"{ "author" : "spaced", "lang": "en" }"#,
        #"{"author":"a","broken":tru}"#,
        #"{"author":01}"#,
        #"["author"]"#,
        #"{"author":"a"} trailing"#,
        #"not json"#,
    ]

    @Test(arguments: [PersonalDataAction.hash, .drop])
    func textPathMatchesParsedPath(action: PersonalDataAction) throws {
        let redaction = MetadataRedaction(fields: ["author", "email"], action: action, salt: "db-1")
        for sample in Self.samples {
            let expected: String
            if let parsed = try? JSONParser.parse(sample) {
                expected = JSONWriter.string(redaction.apply(parsed))
            } else {
                expected = sample
            }
            #expect(redaction.apply(json: sample) == expected, "\(sample)")
        }
    }

    /// Imports refuse duplicate keys now, but a database written before may hold them: no copy of a
    /// personal-data field survives the text path.
    @Test(arguments: [PersonalDataAction.hash, .drop])
    func duplicatePersonalFieldsAreAllRedacted(action: PersonalDataAction) {
        let redaction = MetadataRedaction(fields: ["author"], action: action, salt: "db-1")
        let redacted = redaction.apply(json: #"{"lang":"en","author":"user 1 with spaces","author":"duplicate"}"#)
        #expect(!redacted.contains("user 1 with spaces") && !redacted.contains("duplicate"), "\(redacted)")
        #expect(redacted.contains(#""lang":"en""#))
    }

    @Test func hashedValueIsSaltedSHA256OfTheValue() {
        let redaction = MetadataRedaction(fields: ["author"], action: .hash, salt: "db-1")
        let redacted = redaction.apply(json: #"{"author":"user1","lang":"en"}"#)
        let digest = SHA256.hex("db-1\u{1F}\"user1\"")
        #expect(redacted == #"{"author":"sha256:\#(digest)","lang":"en"}"#)
        #expect(!redacted.contains("user1"))
    }
}
