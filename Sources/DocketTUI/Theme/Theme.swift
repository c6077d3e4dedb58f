/// A colour theme: for every ``StyleRole``, its colours on 256-colour and 8-colour terminals and its attributes.
public struct Theme: Equatable, Sendable {
    /// How one role is drawn.
    public struct Style: Equatable, Sendable {
        /// Foreground and background on a 256-colour terminal (0-255; -1 is the terminal's default).
        public var foreground256: Int
        public var background256: Int
        /// Foreground and background on an 8-colour terminal (0-7 as in curses; -1 is the default).
        public var foreground8: Int
        public var background8: Int
        public var attributes: Set<Attribute>

        public init(foreground256: Int = -1, background256: Int = -1, foreground8: Int = -1, background8: Int = -1,
                    attributes: Set<Attribute> = []) {
            self.foreground256 = foreground256
            self.background256 = background256
            self.foreground8 = foreground8
            self.background8 = background8
            self.attributes = attributes
        }
    }

    /// Text attributes a role may add to its colours.
    public enum Attribute: String, CaseIterable, Sendable {
        case bold, dim, underline, reverse, italic
    }

    public var name: String
    public var styles: [StyleRole: Style]

    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style of `role` (every theme has all roles; a file that omits one inherits it from the default theme).
    public func style(_ role: StyleRole) -> Style { styles[role] ?? Style() }

    /// The same theme without colours, for `NO_COLOR`: attributes only, and reverse video for highlights so
    /// that spans and score bars stay visible.
    public var withoutColour: Theme {
        var styles: [StyleRole: Style] = [:]
        for role in StyleRole.allCases {
            var attributes = style(role).attributes
            switch role {
            case .highlight, .scoreHigh, .selected: attributes.insert(.reverse)
            case .key, .title, .error, .warning: attributes.insert(.bold)
            default: break
            }
            styles[role] = Style(attributes: attributes)
        }
        return Theme(name: name + " (no colour)", styles: styles)
    }
}
