/// What a key does on the adjudication screen (other than choosing a label, tag or severity, which the queue defines).
public enum AdjudicationAction: String, KeymapAction {
    case confirm, next, previous, note, guidelines, help, nextPane, previousPane
    case scrollUp, scrollDown, pageUp, pageDown, top, bottom, reveal, quit, cancel
}

/// The adjudication screen's keys.
public typealias AdjudicationBindings = Keymap<AdjudicationAction>

extension Keymap where Action == AdjudicationAction {
    /// The standard adjudication keys: the screen's own, then the shared ones (the same as the review screen's).
    public static func standard(revealKey: String = "r") -> AdjudicationBindings {
        Keymap(screen: [
            .init(keys: [.enter], action: .confirm, help: "record the chosen label, tags and severity as final"),
            .init(keys: [.character("s"), .right], action: .next, help: "go to the next disputed item without deciding"),
            .init(keys: [.left], action: .previous, help: "go back to the previous undecided item"),
            .init(keys: [.character("n")], action: .note, help: "add a note to your decision"),
        ], shared: SharedKeys.bindings(revealKey: revealKey),
           help: [.quit: "quit (undecided items stay for later)", .cancel: "close an overlay, cancel the note or clear the choice"])
    }
}
