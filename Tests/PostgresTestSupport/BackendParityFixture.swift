import DocketCore
import Foundation

/// The data both backends are filled with when their results are compared (the store's and the binary's parity
/// tests): ConvAbuse's 400 items with every imported decision given a fixed time, since an import stamps decisions
/// without one with the clock, which would differ between the two databases.
public enum BackendParityFixture {
    /// The repository's Tests/Fixtures/export folder (the ConvAbuse queue and items).
    public static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/export").path

    /// The ConvAbuse items as JSONL lines, decision `d` of line `n` decided at 1714500000 + 60 n + d seconds plus
    /// `fraction` (a fraction shows that times keep their milliseconds).
    public static func timedLines(fraction: String = "") throws -> [String] {
        let text = try String(contentsOfFile: folder + "/convabuse-valid-400.jsonl", encoding: .utf8)
        var lines: [String] = []
        for (index, line) in text.split(separator: "\n").enumerated() {
            guard case .object(var fields) = try JSONParser.parse(String(line)) else { continue }
            for (position, field) in fields.enumerated() where field.0 == "decisions" {
                guard case .array(let decisions) = field.1 else { continue }
                fields[position].1 = .array(decisions.enumerated().map { offset, decision in
                    guard case .object(let members) = decision else { return decision }
                    return .object(members + [("at", .number(String(1_714_500_000 + index * 60 + offset) + fraction))])
                })
            }
            lines.append(JSONWriter.string(.object(fields)))
        }
        return lines
    }
}
