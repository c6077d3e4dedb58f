import DocketCore
import Foundation

/// Finds the theme a reviewer asked for: `--theme NAME`, else `DOCKET_THEME`, else `theme:` in
/// `$XDG_CONFIG_HOME/docket/config.yml` (`~/.config/...`), else the dark theme; `NO_COLOR` drops colours.
/// The shipped themes (`Themes/*.yml` of the repository) are compiled into the binary, so they are found
/// wherever it is installed; a file of the same name in a searched folder takes their place.
public struct ThemeLocator: Sendable {
    public var environment: [String: String]
    /// Folders searched for `NAME.yml`, in order, before the shipped themes.
    public var folders: [String]

    /// A locator that searches `$DOCKET_THEMES`, the user's theme folder and `./Themes`, then the shipped themes.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        var folders: [String] = []
        if let dir = environment["DOCKET_THEMES"], !dir.isEmpty { folders.append(dir) }
        folders.append(Self.configFolder(environment) + "/themes")
        folders.append(FileManager.default.currentDirectoryPath + "/Themes")
        self.folders = folders
    }

    static func configFolder(_ environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/docket" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.config/docket"
    }

    /// The theme name to use when `--theme` is absent: `DOCKET_THEME`, then the user's config file.
    public func defaultName() throws(InputError) -> String? {
        if let name = environment["DOCKET_THEME"], !name.isEmpty { return name }
        let path = Self.configFolder(environment) + "/config.yml"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let root = try YAMLNode.parse(text, file: path)
        return try root.optional("theme")?.string()
    }

    /// The theme for `requested` (a name or a path to a `.yml` file), honouring `NO_COLOR`.
    public func theme(named requested: String?) throws(InputError) -> Theme {
        let name: String?
        if let requested { name = requested } else { name = try defaultName() }
        let theme = try lookUp(name)
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return theme.withoutColour }
        return theme
    }

    private func lookUp(_ name: String?) throws(InputError) -> Theme {
        guard let name else { return BuiltinTheme.dark }
        if name == "dark" { return try load(name) ?? BuiltinTheme.dark }
        if let theme = try load(name) { return theme }
        let known = available
        throw InputError(field: "--theme", "no theme '\(name)' (known: \(known.joined(separator: ", ")); searched \(folders.joined(separator: ", ")) and the shipped themes)")
    }

    private func load(_ name: String) throws(InputError) -> Theme? {
        let candidates = name.hasSuffix(".yml") || name.contains("/") ? [name] : folders.map { $0 + "/" + name + ".yml" }
        for path in candidates {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            return try ThemeFile.parse(text, file: path)
        }
        if let text = EmbeddedFiles.text("Themes/\(name).yml") {
            return try ThemeFile.parse(text, file: "\(name).yml (shipped with docket)")
        }
        return nil
    }

    /// The names of the themes found, for `--help` and the docs.
    public var available: [String] {
        var files: [String] = EmbeddedFiles.names(in: "Themes").map { String($0.dropFirst("Themes/".count)) }
        for folder in folders { files += (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] }
        let names = files.filter { $0.hasSuffix(".yml") }.map { String($0.dropLast(4)) }
        return Set(names).union(["dark"]).sorted()
    }
}
