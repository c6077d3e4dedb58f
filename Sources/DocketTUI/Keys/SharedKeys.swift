/// The keys every screen shares (tig's and lazygit's "general" keys): help, guidelines, panes, scrolling,
/// reveal, cancel and quit. Defined once; each screen's keymap takes them by action name.
public enum SharedKeys {
    /// One shared binding by action name (a case of every screen's action enum).
    public struct Entry: Sendable {
        public var action: String
        public var keys: [Key]
        public var help: String
    }

    /// The shared bindings; `revealKey` comes from the queue's wellbeing settings.
    public static func bindings(revealKey: String = "r") -> [Entry] {
        [
            Entry(action: "guidelines", keys: [.character("g")], help: "show the queue's guidelines"),
            Entry(action: "help", keys: [.character("?")], help: "show this help"),
            Entry(action: "nextPane", keys: [.tab], help: "move to the next pane"),
            Entry(action: "previousPane", keys: [.backTab], help: "move to the previous pane"),
            Entry(action: "scrollUp", keys: [.character("k"), .up], help: "scroll up"),
            Entry(action: "scrollDown", keys: [.character("j"), .down], help: "scroll down"),
            Entry(action: "pageUp", keys: [.pageUp], help: "scroll up a page"),
            Entry(action: "pageDown", keys: [.pageDown, .character(" ")], help: "scroll down a page"),
            Entry(action: "top", keys: [.home], help: "go to the top"),
            Entry(action: "bottom", keys: [.end], help: "go to the bottom"),
            Entry(action: "reveal", keys: [.character(revealKey.first ?? "r")], help: "reveal masked content, then the item's image"),
            Entry(action: "cancel", keys: [.escape], help: "close an overlay, cancel a prompt or clear the choice"),
            Entry(action: "quit", keys: [.character("q")], help: "quit"),
        ]
    }

    /// The names of the shared actions (a keymap file's `shared:` section may name only these).
    public static var actionNames: [String] { bindings().map(\.action) }
}
