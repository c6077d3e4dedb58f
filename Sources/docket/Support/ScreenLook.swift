import DocketCore
import DocketTUI

/// What a screen looks and answers like for this user: the theme (`--theme`, `$DOCKET_THEME`, config) and the
/// keymap file, both checked before a screen opens so that a mistake in either is reported as bad input (65).
struct ScreenLook {
    let theme: Theme
    let keymap: KeymapFile

    /// Loads the theme named `theme` (or the default) and the user's keymap file, checking it for both screens.
    init(theme: String?) throws {
        do throws(InputError) {
            self.theme = try ThemeLocator().theme(named: theme)
            keymap = try KeymapFile.load()
            _ = try keymap.review()
            _ = try keymap.adjudication()
        } catch { throw DocketError.input(error) }
    }
}
