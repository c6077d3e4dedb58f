/// Typing into a one-line prompt (a reason, a note), shared by every screen: printable keys are text, Backspace
/// deletes, Enter submits, Esc cancels, and nothing else does anything, so no key typed into a prompt ever
/// reaches a screen's command keys.
public enum PromptEditor {
    /// What a key did to the prompt.
    public enum Outcome: Equatable, Sendable {
        /// Still typing (text changed, or the key was ignored).
        case typing
        /// Enter: the text, trimmed of surrounding spaces.
        case submitted(String)
        /// Esc: close and store nothing.
        case cancelled
    }

    /// The longest text a prompt keeps, in code points.
    public static let maximumLength = 2000

    /// Applies `key` to `prompt`.
    public static func edit(_ prompt: inout ReviewState.Prompt, with key: Key) -> Outcome {
        switch key {
        case .escape: return .cancelled
        case .enter: return .submitted(prompt.text.trimmingCharacters(in: .whitespaces))
        case .backspace:
            if !prompt.text.isEmpty { prompt.text.removeLast() }
        case .character(let c):
            if prompt.text.unicodeScalars.count < maximumLength { prompt.text.append(c) }
            prompt.warning = nil
        default:
            break
        }
        return .typing
    }
}
