import DocketCore
import Foundation

/// A file beside the database (`PATH-damaged`) that records that SQLite reported damage (SQLITE_CORRUPT) on
/// some statement. Damage is usually in a few pages; without the mark, commands that happen to read other pages
/// (`queues`, `next`) kept serving with exit 0 while `status` failed. With it, every command on the file stops
/// with exit 5 until `docket status --full-check` finds the file sound again (after a restore), which removes it.
struct DamageMark {
    let url: URL

    init(database path: String) {
        url = URL(fileURLWithPath: path + "-damaged")
    }

    /// What the mark says, when there is one.
    var recorded: String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Records `what` (best effort: a folder that cannot be written keeps no mark, and the next statement that
    /// meets the damage reports it again).
    func set(_ what: String) {
        try? Data((Timestamp.format(Timestamp.now()) + " " + what + "\n").utf8).write(to: url, options: .atomic)
    }

    func clear() {
        try? FileManager.default.removeItem(at: url)
    }

    /// The refusal every command meets while the mark is there.
    func refusal(path: String) -> DocketError? {
        guard let recorded else { return nil }
        return .corrupt("the database '\(path)' is damaged (found \(recorded)); nothing was read or written. Run 'docket status --full-check --db \(path)' to see the damage, and restore a backup")
    }
}
