/// The dark theme, the default: `Themes/dark.yml`, compiled into the binary by the EmbedShippedFiles plugin.
public enum BuiltinTheme {
    /// The text of `Themes/dark.yml`.
    public static let darkYAML: String = EmbeddedFiles.text("Themes/dark.yml") ?? ""

    /// The default theme.
    public static let dark: Theme = {
        // Parsing cannot fail: a test parses the same text. Without the fallback the compiled-in default would
        // be able to crash the program.
        (try? ThemeFile.parse(darkYAML, file: "<built-in dark theme>", base: [:])) ?? Theme(name: "dark", styles: [:])
    }()
}
