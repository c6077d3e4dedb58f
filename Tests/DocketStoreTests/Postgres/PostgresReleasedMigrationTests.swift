import DocketCore
@testable import DocketStore
import Testing

/// A released PostgreSQL migration is never edited (``PostgresSchema``): databases already at its version would
/// never see the change, and two databases at one version would differ. Migrations share Swift fragments where
/// they say the same thing (versions 6 and 9 build their claim from the same pieces), so this pins the
/// exact text of each released one: a fragment edited for a later version fails here instead of rewriting history.
struct PostgresReleasedMigrationTests {
    /// SHA-256 of each released migration's text, by version. A new version appends its own line when released.
    static let released = [
        1: "09e910f61b71aabdbb266d8345e91b965926311750da67da52876ed515bad04a",
        2: "61772e766303e9dd73425654c911e6eda2bb082573e4a53f84cf1255192502de",
        3: "17042344f7d12f4b8559b3ee4cec5c4c3df462326d73ec134bbf59608e2ba899",
        4: "d91977e379f6abcfa5f6eff28510f5f6d8481717cf3f60856a57d3fc70a8bccc",
        5: "9fe4be419d291c3a5f3fbd5ba038aab5a7f2488000998b35e7b92d00cd047acc",
        6: "5d3e1a70a13b7ba736acabc3a1ffabd476eb0e747e59841602b5b1629a0f92ec",
        7: "5a86ed0626e66d7a453afa410ef5cd40dea27ea0670ef2519f28cd09b9b154d6",
        8: "9d464254e4b487ef2384f730841bc2eec90f27554b6811b5db5823accda0afa2",
        9: "a0acd9ec43b4d50af05e9b4f599a118680728135b7908d85a21c5a0e0e7bfa25",
    ]

    @Test("every released migration's text is what it was when released")
    func releasedMigrationsAreUnchanged() {
        for (version, digest) in Self.released.sorted(by: { $0.key < $1.key }) {
            let now = SHA256.hex(PostgresSchema.migrations[version - 1])
            #expect(now == digest, "migration \(version) was edited after release: its text now hashes to \(now)")
        }
    }
}
