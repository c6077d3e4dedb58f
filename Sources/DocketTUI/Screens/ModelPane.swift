import DocketCore
import Foundation

/// The model pane: for each model, a bar per category with the score, the threshold marked and categories at or
/// above the threshold emphasised; then the model's rationale.
public enum ModelPane {
    /// The pane's lines at `width` columns. The rationale is hidden while the content is masked (it may quote it).
    public static func lines(_ item: Item?, width: Int, revealed: Bool, maskedTerms: [String] = []) -> [StyledLine] {
        guard let item else { return [] }
        guard !item.scores.isEmpty || !item.explanations.isEmpty else { return [StyledLine("(no model scores)", .dim)] }
        var models: [String] = []
        for score in item.scores where !models.contains(score.model) { models.append(score.model) }
        for explanation in item.explanations where !models.contains(explanation.model) { models.append(explanation.model) }
        // Category names whole where the pane allows it (self_harm_intent), the bar takes what is left.
        let nameWidth = max(4, min(width - numbersWidth - 2 - 5, item.scores.map { DisplayWidth.of($0.category) }.max() ?? 4))
        let barWidth = max(5, width - nameWidth - 2 - numbersWidth)
        var lines: [StyledLine] = []
        for model in models {
            lines.append(StyledLine(model, .accent))
            for score in item.scores where score.model == model {
                lines.append(bar(score, nameWidth: nameWidth, barWidth: barWidth))
            }
            for explanation in item.explanations where explanation.model == model && !explanation.text.isEmpty {
                guard revealed else { lines.append(StyledLine("  (rationale hidden until revealed)", .dim)); continue }
                let document = ContentDocument(blocks: [.init(text: explanation.text)], maskedTerms: maskedTerms)
                for row in document.wrappedRows(width: max(1, width - 2), limit: 12) {
                    lines.append(StyledLine(ModelPane.mask("  " + row, maskedTerms), .dim))
                }
            }
        }
        return lines
    }

    /// One score bar: `category ███████░░│░░ 0.82 ≥ 0.50`, in the high role when at or above the threshold.
    /// The threshold's number and the relation are printed, so the line reads the same without colour
    /// (NO_COLOR) and a score just beside the threshold is never drawn as if on the other side of it.
    public static func bar(_ score: ModelScore, nameWidth: Int, barWidth: Int) -> StyledLine {
        let value = min(1, max(0, score.score.isFinite ? score.score : 0))
        let filled = Int((value * Double(barWidth)).rounded())
        let mark = score.threshold.map { min(barWidth - 1, max(0, Int(($0 * Double(barWidth)).rounded()))) }
        let high = score.isAboveThreshold
        let fillRole: StyleRole = high ? .scoreHigh : .scoreLow
        var segments: [(String, StyleRole)] = [(DisplayWidth.pad(score.category, to: nameWidth) + " ", high ? .scoreHigh : .text)]
        for column in 0..<barWidth {
            if column == mark { segments.append(("│", .threshold)); continue }
            segments.append(column < filled ? ("█", fillRole) : ("░", .dim))
        }
        segments.append((" " + numbers(value, score.threshold), high ? .scoreHigh : .text))
        return StyledLine(merge(segments))
    }

    /// `0.82 ≥ 0.50` or `0.5100 < 0.5144`: the score against its threshold with as many decimals (2 to 4) as it
    /// takes to tell them apart; the score alone when the model gave no threshold.
    static func numbers(_ score: Double, _ threshold: Double?) -> String {
        guard let threshold, threshold.isFinite else { return String(format: "%.2f", score) }
        var digits = 2
        while digits < 4, String(format: "%.\(digits)f", score) == String(format: "%.\(digits)f", threshold), score != threshold { digits += 1 }
        let relation = score >= threshold ? "≥" : "<"
        return String(format: "%.\(digits)f", score) + " " + relation + " " + String(format: "%.\(digits)f", threshold)
    }

    /// Columns the numbers after a bar take at most (`0.5100 < 0.5144`).
    static let numbersWidth = 16

    /// Joins neighbouring segments of the same role (fewer, longer writes).
    static func merge(_ segments: [(String, StyleRole)]) -> [(String, StyleRole)] {
        var merged: [(String, StyleRole)] = []
        for segment in segments {
            if let last = merged.last, last.1 == segment.1 { merged[merged.count - 1].0 += segment.0 } else { merged.append(segment) }
        }
        return merged
    }

    /// `text` with every masked term (a whole word, any case) replaced by blocks.
    static func mask(_ text: String, _ terms: [String]) -> String {
        MaskedTerms(terms).masked(text)
    }
}
