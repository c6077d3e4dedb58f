/// What a key does on the review screen (other than choosing a label, tag or severity, which the queue defines).
public enum ReviewAction: String, KeymapAction {
    case confirm, skip, escalate, note, undo, history, find, nextSpan, metadata
    case guidelines, help, nextPane, previousPane
    case scrollUp, scrollDown, pageUp, pageDown, top, bottom, reveal, quit, cancel
}

/// The review screen's keys.
public typealias KeyBindings = Keymap<ReviewAction>

extension Keymap where Action == ReviewAction {
    /// The standard review keys: the screen's own, then the shared ones; `revealKey` comes from the queue.
    public static func review(revealKey: String = "r") -> KeyBindings {
        Keymap(screen: [
            .init(keys: [.enter], action: .confirm, help: "confirm the chosen label, tags and severity; with nothing left, look for new items"),
            .init(keys: [.character("s")], action: .skip, help: "skip this item (asks for a reason)"),
            .init(keys: [.character("e")], action: .escalate, help: "escalate to a lead (asks for a reason)"),
            .init(keys: [.character("n")], action: .note, help: "add a note to the decision"),
            .init(keys: [.character("u")], action: .undo, help: "undo your last decision (the item comes back)"),
            .init(keys: [.character("h")], action: .history, help: "your last decisions: Enter opens one to amend it"),
            .init(keys: [.character("/")], action: .find, help: "find an item by id, or search your decisions"),
            .init(keys: [.character("]")], action: .nextSpan, help: "jump to the next highlighted span"),
            .init(keys: [.character("m")], action: .metadata, help: "show every metadata value in full"),
        ], shared: SharedKeys.bindings(revealKey: revealKey), help: [.quit: "quit (your current item is released)"])
    }
}
