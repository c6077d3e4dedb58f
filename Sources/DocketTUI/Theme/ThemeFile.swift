import DocketCore

/// Reads a theme from a `Themes/*.yml` file; errors name the file, the line and the field.
///
/// ```yaml
/// name: dark
/// roles:
///   text:      { fg: 252, bg: default, fg8: white, bg8: default }
///   highlight: { fg: 16, bg: 221, fg8: black, bg8: yellow, attributes: [bold] }
/// ```
/// `fg`/`bg` are 256-colour numbers (0-255) or `default`; `fg8`/`bg8` are colour names (black, red, green,
/// yellow, blue, magenta, cyan, white, default) or 0-7. Roles left out keep the compiled-in default's style.
public enum ThemeFile {
    /// The 8 curses colour names in curses order.
    public static let colourNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses a theme file; roles it leaves out take their style from `base` (the compiled-in dark theme).
    public static func parse(_ text: String, file: String, base: [StyleRole: Theme.Style]? = nil) throws(InputError) -> Theme {
        let root = try YAMLNode.parse(text, file: file)
        try root.rejectUnknownKeys(["name", "description", "roles"])
        let name = try root.required("name").string()
        let rolesNode = try root.required("roles")
        var styles = base ?? BuiltinTheme.dark.styles
        let known = Set(StyleRole.allCases.map(\.rawValue))
        try rolesNode.rejectUnknownKeys(known)
        for key in try rolesNode.keys() {
            guard let role = StyleRole(rawValue: key), let node = try rolesNode.optional(key) else { continue }
            try node.rejectUnknownKeys(["fg", "bg", "fg8", "bg8", "attributes"])
            var style = Theme.Style()
            if let fg = try node.optional("fg") { style.foreground256 = try colour(fg, max: 255) }
            if let bg = try node.optional("bg") { style.background256 = try colour(bg, max: 255) }
            if let fg = try node.optional("fg8") { style.foreground8 = try colour(fg, max: 7) }
            if let bg = try node.optional("bg8") { style.background8 = try colour(bg, max: 7) }
            if let attributes = try node.optional("attributes") {
                for element in try attributes.elements() {
                    let word = try element.string()
                    guard let attribute = Theme.Attribute(rawValue: word) else {
                        let allowed = Theme.Attribute.allCases.map(\.rawValue).joined(separator: ", ")
                        throw element.error("unknown attribute '\(word)' (known: \(allowed))")
                    }
                    style.attributes.insert(attribute)
                }
            }
            styles[role] = style
        }
        return Theme(name: name, styles: styles)
    }

    /// A colour: `default`, a number up to `max`, or (for 8 colours) a name.
    private static func colour(_ node: YAMLNode, max: Int) throws(InputError) -> Int {
        let text = try node.string().lowercased()
        if text == "default" || text == "-1" { return -1 }
        if let index = colourNames.firstIndex(of: text) { return index }
        if let number = Int(text), (0...max).contains(number) { return number }
        throw node.error("expected a colour: 0-\(max), a colour name (\(colourNames.joined(separator: ", "))) or 'default', not '\(text)'")
    }
}
