/// Docket's rule for a PostgreSQL database's encoding: its tables are created only in a database in UTF8, the one
/// encoding that holds every character an item can bring. In any other (LATIN1, WIN1252, SQL_ASCII...) the server
/// would refuse an emoji in the middle of an import, or (SQL_ASCII) keep bytes it cannot compare as text.
///
/// A database an older Docket created in another encoding keeps working: its import rejects each record holding a
/// character the encoding lacks (``PostgresCharacterRepertoire``), and other writes fail with the server's message
/// and ``untranslatableHint(database:encoding:)``.
enum PostgresDatabaseEncoding {
    /// The only encoding Docket creates its tables in, as PostgreSQL names it.
    static let required = "UTF8"

    /// Throws ``PostgresError`` `.io` (exit 74) when the database `connection` is attached to is not in UTF8, before
    /// anything is written; the message says what could not be done (`"create Docket's tables in"`, `"copy into"`),
    /// names the database and its encoding, and gives the command that makes a UTF8 database.
    static func requireUTF8(_ connection: PostgresConnection, toDo action: String) throws {
        let encoding = try connection.serverEncoding()
        guard encoding != required else { return }
        let name = connection.database
        throw PostgresError(.io, "cannot \(action) \(connection.displayName): the database '\(name)' is in encoding "
            + "\(encoding), and Docket needs a database in \(required), which can hold every character an item brings; "
            + "nothing was written. Make a UTF8 database with: \(createCommand(name)) (after 'dropdb \(shellWord(name))' "
            + "if this one holds nothing else, or under a new name), and run this command on it")
    }

    /// The sentence added to the server's "has no equivalent in encoding" error (SQLSTATE 22P05), for a database
    /// an older Docket created in `encoding`.
    static func untranslatableHint(database: String, encoding: String) -> String {
        "; the database '\(database)' is in encoding \(encoding), which lacks that character: Docket needs a database in "
            + "\(required) (Docs/team-server.md says how to move this one into a new one: docket copy)"
    }

    /// The command that creates a UTF8 database called `name`, on any server whatever its default encoding and locale.
    static func createCommand(_ name: String) -> String {
        "createdb -E \(required) -T template0 --locale=C.UTF-8 \(shellWord(name))"
    }

    /// `word` as one shell word: as it is when it needs no quoting, else in single quotes.
    private static func shellWord(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.".unicodeScalars.contains($0)) }
        return plain ? word : "'" + word.split(separator: "'", omittingEmptySubsequences: false).joined(separator: #"'\''"#) + "'"
    }
}
