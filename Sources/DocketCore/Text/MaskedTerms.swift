/// Finds a queue's masked terms in text as whole words, case-insensitively: "blade" hides "Blade" and
/// "blade," but not "Blade-runner" or "blades". Letters, digits, marks, `-`, `_` and `'` make up a word, so a
/// hyphenated name is one word.
public struct MaskedTerms: Sendable {
    private let terms: [[Unicode.Scalar]]

    /// The terms to find (empty ones are ignored).
    public init(_ terms: [String]) {
        self.terms = terms.filter { !$0.isEmpty }.map { Array($0.lowercased().unicodeScalars) }
    }

    /// Whether there is nothing to find.
    public var isEmpty: Bool { terms.isEmpty }

    /// Code point ranges of the terms in `text` (ranges into `text.lowercased()`'s scalars, which match the
    /// text's own for every script whose lower case keeps the number of code points).
    public func ranges(in text: Substring) -> [Range<Int>] {
        guard !terms.isEmpty else { return [] }
        let scalars = Array(text.lowercased().unicodeScalars)
        var ranges: [Range<Int>] = []
        for term in terms where term.count <= scalars.count {
            var i = 0
            while i + term.count <= scalars.count {
                let end = i + term.count
                if scalars[i] == term[0], scalars[i..<end].elementsEqual(term),
                   i == 0 || !Self.isWordScalar(scalars[i - 1]), end == scalars.count || !Self.isWordScalar(scalars[end]) {
                    ranges.append(i..<end)
                    i = end
                } else {
                    i += 1
                }
            }
        }
        return ranges
    }

    /// `text` with every masked term replaced by as many `█` as it has characters.
    public func masked(_ text: String) -> String {
        let found = ranges(in: text[...])
        guard !found.isEmpty else { return text }
        var out = String.UnicodeScalarView()
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            if let range = found.first(where: { $0.contains(offset) }) {
                // One block per character, not per code point (an accent does not add a block).
                if DisplayWidth.of(scalar) > 0 || offset == range.lowerBound { out.append("█") }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "-" || scalar == "_" || scalar == "'" { return true }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType != nil
            || properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark
    }
}
