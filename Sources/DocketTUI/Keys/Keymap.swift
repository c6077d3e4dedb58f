/// A screen's key bindings, as data: the screen's own keys plus the shared ones, changed by the user's keymap
/// file. The help overlay and the status line are generated from it, so what they show is what the keys do.
public struct Keymap<Action: KeymapAction>: Sendable {
    /// One binding: the keys, the action and the words the help overlay uses.
    public struct Binding: Sendable {
        public var keys: [Key]
        public var action: Action
        public var help: String

        /// A binding of `keys` to `action`, described by `help`.
        public init(keys: [Key], action: Action, help: String) {
            self.keys = keys
            self.action = action
            self.help = help
        }
    }

    /// Every binding, in the order the help overlay lists them.
    public var bindings: [Binding]

    /// The screen's own `screen` bindings followed by the `shared` ones its actions include, with the help text
    /// of some actions said the screen's way (`help`).
    public init(screen: [Binding], shared: [SharedKeys.Entry], help: [Action: String] = [:]) {
        var bindings = screen
        for entry in shared {
            guard let action = Action(rawValue: entry.action), !bindings.contains(where: { $0.action == action }) else { continue }
            bindings.append(Binding(keys: entry.keys, action: action, help: help[action] ?? entry.help))
        }
        for index in bindings.indices { if let text = help[bindings[index].action] { bindings[index].help = text } }
        self.bindings = bindings
    }

    /// The action bound to `key`, if any.
    public func action(for key: Key) -> Action? {
        bindings.first { $0.keys.contains(key) }?.action
    }

    /// The keys of `action`, written as in the help (`j/↓`); empty when it has none.
    public func keyNames(_ action: Action) -> String {
        bindings.first { $0.action == action }?.keys.map(\.name).joined(separator: "/") ?? ""
    }

    /// Whether `key` is one of `action`'s keys.
    public func isKey(_ key: Key, of action: Action) -> Bool {
        bindings.first { $0.action == action }?.keys.contains(key) ?? false
    }

    /// Binds `action` to exactly `keys` (a keymap file's line); the keys leave any other action they had.
    public mutating func rebind(_ action: Action, to keys: [Key]) {
        for index in bindings.indices {
            if bindings[index].action == action { bindings[index].keys = keys } else { bindings[index].keys.removeAll { keys.contains($0) } }
        }
    }
}
