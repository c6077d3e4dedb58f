import DocketStore
import Foundation

/// One test's own database on the test server, dropped (cutting any connection left) when released.
public final class PostgresTestDatabase: @unchecked Sendable {
    /// The server it lives on.
    public let server: PostgresTestServer
    /// The database's name.
    public let name: String

    init(server: PostgresTestServer, name: String) {
        self.server = server
        self.name = name
    }

    /// A superuser URL to this database.
    public var url: String { server.url(database: name) }

    /// A URL to this database as `user` with `password`.
    public func url(user: String, password: String?) -> String { server.url(database: name, user: user, password: password) }

    /// A new superuser connection to this database.
    public func connect() throws -> PostgresConnection { try PostgresConnection(url) }

    deinit {
        if ProcessInfo.processInfo.environment["DOCKET_KEEP_TMP"] == nil {
            _ = try? PostgresConnection(server.adminURL).execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }
}
