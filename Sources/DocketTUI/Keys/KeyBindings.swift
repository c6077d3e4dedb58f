import DocketCore

/// What a key does on the review screen (other than choosing a label, tag or severity, which the queue defines).
public enum ReviewAction: String, CaseIterable, Sendable {
    case confirm, skip, escalate, note, undo, guidelines, help, nextPane, previousPane
    case scrollUp, scrollDown, pageUp, pageDown, top, bottom, reveal, quit, cancel
}

/// The review screen's key bindings, as data: the help overlay and the status line are generated from it,
/// so what they show is always what the keys do.
public struct KeyBindings: Sendable {
    /// One binding: the keys, the action and the words the help overlay uses.
    public struct Binding: Sendable {
        public var keys: [Key]
        public var action: ReviewAction
        public var help: String
    }

    public var bindings: [Binding]

    /// The standard bindings; `revealKey` comes from the queue's wellbeing settings.
    public static func review(revealKey: String = "r") -> KeyBindings {
        KeyBindings(bindings: [
            Binding(keys: [.enter], action: .confirm, help: "confirm the chosen label, tags and severity"),
            Binding(keys: [.character("s")], action: .skip, help: "skip this item (asks for a reason)"),
            Binding(keys: [.character("e")], action: .escalate, help: "escalate to a lead (asks for a reason)"),
            Binding(keys: [.character("n")], action: .note, help: "add a note to the decision"),
            Binding(keys: [.character("u")], action: .undo, help: "undo your last decision (the item comes back)"),
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
            Binding(keys: [.character(Character(revealKey))], action: .reveal, help: "reveal masked content, then the item's image"),
            Binding(keys: [.escape], action: .cancel, help: "close an overlay, cancel a prompt or clear the choice"),
            Binding(keys: [.character("q")], action: .quit, help: "quit (your current item is released)"),
        ])
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> ReviewAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The keys of `action`, written as in the help (`j/↓`).
    public func keyNames(_ action: ReviewAction) -> String {
        bindings.first { $0.action == action }?.keys.map(\.name).joined(separator: "/") ?? ""
    }
}
