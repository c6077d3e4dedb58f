/// The dark theme, compiled in so that a missing `Themes/` folder still works (a test keeps it equal to
/// `Themes/dark.yml`).
public enum BuiltinTheme {
    /// The text of `Themes/dark.yml`.
    public static let darkYAML = """
        name: dark
        description: Default. Light text on the terminal's dark background, calm colours, yellow highlights.
        roles:
          text:        { fg: 252, bg: default, fg8: white, bg8: default }
          dim:         { fg: 244, bg: default, fg8: white, bg8: default, attributes: [dim] }
          accent:      { fg: 110, bg: default, fg8: cyan, bg8: default }
          key:         { fg: 179, bg: default, fg8: yellow, bg8: default, attributes: [bold] }
          score-low:   { fg: 67, bg: default, fg8: blue, bg8: default }
          score-high:  { fg: 174, bg: default, fg8: red, bg8: default, attributes: [bold] }
          threshold:   { fg: 231, bg: default, fg8: white, bg8: default, attributes: [bold] }
          highlight:   { fg: 16, bg: 180, fg8: black, bg8: yellow }
          warning:     { fg: 214, bg: default, fg8: yellow, bg8: default, attributes: [bold] }
          error:       { fg: 203, bg: default, fg8: red, bg8: default, attributes: [bold] }
          title:       { fg: 255, bg: 238, fg8: white, bg8: blue, attributes: [bold] }
          selected:    { fg: 16, bg: 110, fg8: black, bg8: cyan, attributes: [bold] }
          placeholder: { fg: 176, bg: default, fg8: magenta, bg8: default }
        """

    /// The default theme.
    public static let dark: Theme = {
        // Parsing cannot fail: a test parses the same text. Without the fallback the compiled-in default would
        // be able to crash the program.
        (try? ThemeFile.parse(darkYAML, file: "<built-in dark theme>", base: [:])) ?? Theme(name: "dark", styles: [:])
    }()
}
