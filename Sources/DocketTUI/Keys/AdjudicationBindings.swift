/// What a key does on the adjudication screen (other than choosing a label, tag or severity, which the queue defines).
public enum AdjudicationAction: String, CaseIterable, Sendable {
    case confirm, next, previous, note, guidelines, help, nextPane, previousPane
    case scrollUp, scrollDown, pageUp, pageDown, top, bottom, reveal, quit, cancel
}

/// The adjudication screen's key bindings, as data: its help overlay and status line are generated from them.
/// The keys match the review screen's wherever the action is the same.
public struct AdjudicationBindings: Sendable {
    /// One binding: the keys, the action and the words the help overlay uses.
    public struct Binding: Sendable {
        public var keys: [Key]
        public var action: AdjudicationAction
        public var help: String
    }

    /// Every binding, in the order the help overlay lists them.
    public var bindings: [Binding]

    /// The standard bindings; `revealKey` comes from the queue's wellbeing settings.
    public static func standard(revealKey: String = "r") -> AdjudicationBindings {
        AdjudicationBindings(bindings: [
            Binding(keys: [.enter], action: .confirm, help: "record the chosen label, tags and severity as final"),
            Binding(keys: [.character("s"), .right], action: .next, help: "go to the next disputed item without deciding"),
            Binding(keys: [.left], action: .previous, help: "go back to the previous undecided item"),
            Binding(keys: [.character("n")], action: .note, help: "add a note to your decision"),
            Binding(keys: [.character("g")], action: .guidelines, help: "show the queue's guidelines"),
            Binding(keys: [.character("?")], action: .help, help: "show this help"),
            Binding(keys: [.tab], action: .nextPane, help: "move to the next pane"),
            Binding(keys: [.backTab], action: .previousPane, help: "move to the previous pane"),
            Binding(keys: [.character("k"), .up], action: .scrollUp, help: "scroll up"),
            Binding(keys: [.character("j"), .down], action: .scrollDown, help: "scroll down"),
            Binding(keys: [.pageUp], action: .pageUp, help: "scroll up a page"),
            Binding(keys: [.pageDown, .character(" ")], action: .pageDown, help: "scroll down a page"),
            Binding(keys: [.home], action: .top, help: "go to the top"),
            Binding(keys: [.end], action: .bottom, help: "go to the bottom"),
            Binding(keys: [.character(Character(revealKey))], action: .reveal, help: "reveal masked content"),
            Binding(keys: [.escape], action: .cancel, help: "close an overlay, cancel the note or clear the choice"),
            Binding(keys: [.character("q")], action: .quit, help: "quit (undecided items stay for later)"),
        ])
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> AdjudicationAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The keys of `action`, written as in the help (`s/→`).
    public func keyNames(_ action: AdjudicationAction) -> String {
        bindings.first { $0.action == action }?.keys.map(\.name).joined(separator: "/") ?? ""
    }
}
