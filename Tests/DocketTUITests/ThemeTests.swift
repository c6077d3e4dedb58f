import DocketCore
@testable import DocketTUI
import Foundation
import Testing

@Suite struct ThemeTests {
    static let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path

    @Test(arguments: ["dark", "light", "high-contrast", "okabe-ito"])
    func shippedThemesParseWithEveryRole(name: String) throws {
        let text = try String(contentsOfFile: Self.themes + "/\(name).yml", encoding: .utf8)
        let theme = try ThemeFile.parse(text, file: name + ".yml", base: [:])
        #expect(theme.name == name)
        #expect(Set(theme.styles.keys) == Set(StyleRole.allCases))
    }

    @Test func builtInThemeIsTheDarkFile() throws {
        let text = try String(contentsOfFile: Self.themes + "/dark.yml", encoding: .utf8)
        #expect(try ThemeFile.parse(text, file: "dark.yml", base: [:]) == BuiltinTheme.dark)
        #expect(BuiltinTheme.dark.styles.count == StyleRole.allCases.count)
    }

    @Test func errorsNameTheFileLineAndField() {
        let text = "name: x\nroles:\n  text: { fg: 300 }\n"
        #expect(throws: InputError.self) { try ThemeFile.parse(text, file: "x.yml") }
        do {
            _ = try ThemeFile.parse(text, file: "x.yml")
        } catch {
            #expect(error.file == "x.yml")
            #expect(error.line == 3)
            #expect(error.field == "roles.text.fg")
        }
        do {
            _ = try ThemeFile.parse("name: x\nroles:\n  txet: { fg: 1 }\n", file: "y.yml")
        } catch {
            #expect(error.description.contains("unknown key 'txet'"))
        }
    }

    @Test func choosingAThemeByFlagEnvironmentAndConfig() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("docket-theme-\(UUID())").path
        try FileManager.default.createDirectory(atPath: home + "/docket", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        var locator = ThemeLocator(environment: ["XDG_CONFIG_HOME": home])
        locator.folders = [Self.themes]
        #expect(try locator.theme(named: nil) == BuiltinTheme.dark)
        #expect(try locator.theme(named: "light").name == "light")
        try "theme: okabe-ito\n".write(toFile: home + "/docket/config.yml", atomically: true, encoding: .utf8)
        #expect(try locator.theme(named: nil).name == "okabe-ito")
        locator.environment["DOCKET_THEME"] = "high-contrast"
        #expect(try locator.theme(named: nil).name == "high-contrast")
        #expect(try locator.theme(named: "light").name == "light")
        #expect(throws: InputError.self) { try locator.theme(named: "nope") }
        locator.environment["NO_COLOR"] = "1"
        let plain = try locator.theme(named: "light")
        #expect(plain.styles.values.allSatisfy { $0.foreground256 == -1 && $0.background256 == -1 && $0.foreground8 == -1 })
        #expect(plain.style(.highlight).attributes.contains(.reverse))
    }
}
