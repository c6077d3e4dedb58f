import DocketCore
import Foundation

/// The reviewer's own keys: a YAML file beside the themes (`$XDG_CONFIG_HOME/docket/keys.yml`, or the file
/// `$DOCKET_KEYS` names) with a `shared:` section for the keys every screen has and a section per screen
/// (`review:`, `adjudicate:`), each mapping an action to its keys, as tig and lazygit do:
///
/// ```yaml
/// shared:
///   quit: [Q]
///   scrollDown: [j, Down, Enter]
/// review:
///   skip: S
/// ```
///
/// A key given to an action leaves the action it had by default. Every problem is reported with the file, the
/// line and the field: an unknown screen, action or key name, one key given to two actions of a screen, a
/// screen left without a key to quit, cancel or show help.
public struct KeymapFile: Sendable {
    /// One line of the file: an action and its keys, with where it was written.
    struct Line: Sendable {
        var action: String
        var keys: [Key]
        /// Where it was written, for errors.
        var file: String
        var line: Int?
        var field: String

        func error(_ message: String) -> InputError { InputError(file: file, line: line, field: field, message) }
    }

    /// The file read, or nil when there is none (every key as shipped).
    public let path: String?
    private let sections: [String: [Line]]

    /// The sections a keymap file may have.
    public static let screens = ["shared", "review", "adjudicate"]

    /// No file: the shipped keys.
    public init() {
        path = nil
        sections = [:]
    }

    /// Reads the keymap file text `text` (named `file` in errors).
    public static func parse(_ text: String, file: String) throws(InputError) -> KeymapFile {
        let root = try YAMLNode.parse(text, file: file)
        try root.rejectUnknownKeys(Set(screens))
        var sections: [String: [Line]] = [:]
        for screen in screens {
            guard let section = try root.optional(screen) else { continue }
            let known = screen == "shared" ? SharedKeys.actionNames
                : screen == "review" ? ReviewAction.allCases.map(\.rawValue) : AdjudicationAction.allCases.map(\.rawValue)
            try section.rejectUnknownKeys(Set(known))
            sections[screen] = try section.keys().map { (action) throws(InputError) -> Line in
                let node = try section.required(action)
                let keys = try node.strings().map { (name) throws(InputError) -> Key in
                    guard let key = Key(name: name) else {
                        throw node.error("'\(name)' is not a key (one character, or Enter, Esc, Tab, S-Tab, Space, Bksp, Up, Down, Left, Right, PgUp, PgDn, Home, End)")
                    }
                    return key
                }
                return Line(action: action, keys: keys, file: file, line: node.line, field: screen + "." + action)
            }
        }
        return KeymapFile(path: file, sections: sections)
    }

    private init(path: String?, sections: [String: [Line]]) {
        self.path = path
        self.sections = sections
    }

    /// Where the keymap file is looked for: `$DOCKET_KEYS`, else `keys.yml` in the folder of the user's
    /// config and themes.
    public static func location(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["DOCKET_KEYS"], !path.isEmpty { return path }
        return ThemeLocator.configFolder(environment) + "/keys.yml"
    }

    /// The user's keymap file, or the shipped keys when there is none.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(InputError) -> KeymapFile {
        let path = location(environment: environment)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            if environment["DOCKET_KEYS"].map({ !$0.isEmpty }) == true {
                throw InputError(field: "DOCKET_KEYS", "cannot read the keymap file '\(path)'")
            }
            return KeymapFile()
        }
        return try parse(text, file: path)
    }

    /// The review screen's keys with this file's changes.
    public func review(revealKey: String = "r") throws(InputError) -> KeyBindings {
        try apply(to: .review(revealKey: revealKey), screen: "review")
    }

    /// The adjudication screen's keys with this file's changes.
    public func adjudication(revealKey: String = "r") throws(InputError) -> AdjudicationBindings {
        try apply(to: .standard(revealKey: revealKey), screen: "adjudicate")
    }

    /// `keymap` with the shared section's lines, then the screen's own, applied.
    func apply<Action: KeymapAction>(to keymap: Keymap<Action>, screen: String) throws(InputError) -> Keymap<Action> {
        var keymap = keymap
        var givenBy: [Key: String] = [:]
        for line in (sections["shared"] ?? []) + (sections[screen] ?? []) {
            guard let action = Action(rawValue: line.action) else { continue }
            for key in line.keys {
                if let other = givenBy[key], other != line.action {
                    throw line.error("key '\(key.name)' is also given to '\(other)' on the \(screen) screen")
                }
                givenBy[key] = line.action
            }
            keymap.rebind(action, to: line.keys)
        }
        for required in ["quit", "cancel", "help"] {
            guard let action = Action(rawValue: required), keymap.keyNames(action).isEmpty else { continue }
            let last = (sections[screen] ?? []).last ?? (sections["shared"] ?? []).last
            let message = "the \(screen) screen would have no key to \(required)"
            if let last { throw last.error(message) }
            throw InputError(file: path, field: required, message)
        }
        return keymap
    }
}
