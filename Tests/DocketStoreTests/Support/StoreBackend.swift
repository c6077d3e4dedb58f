import DocketCore
import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The backends the conformance suite runs against, each able to make a fresh, empty store for one test.
///
/// SQLite runs always. PostgreSQL joins whenever the PostgreSQL tests run (``PostgresTestServer/shouldRun``: always
/// with `CI=true`, where a missing server fails every PostgreSQL case instead of leaving them out; else when
/// `DOCKET_TEST_POSTGRES_URL` names a test server or PostgreSQL is installed, the tests starting their own cluster).
enum StoreBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    /// The environment variable that names the PostgreSQL test server.
    static let postgresURLVariable = "DOCKET_TEST_POSTGRES_URL"

    /// The backends this test run covers. `DOCKET_TEST_BACKENDS` names them by hand (`sqlite`, or `sqlite,postgres`
    /// on the server the tests start themselves, or on `DOCKET_TEST_POSTGRES_URL`'s); CI=true always runs both.
    static var underTest: [StoreBackend] {
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] != "true", let named = environment["DOCKET_TEST_BACKENDS"], !named.isEmpty {
            return named.split(separator: ",").compactMap { StoreBackend(rawValue: String($0)) }
        }
        return StoreLocation.hasPostgresBackend && PostgresTestServer.shouldRun ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }

    /// A new, empty store of this backend; `folder` is the test's own temporary folder. The second value keeps
    /// whatever the backend needs alive for the store's lifetime (PostgreSQL: the test's own database).
    func makeStore(in folder: URL) throws -> (store: any ReviewStore, keepAlive: AnyObject?) {
        switch self {
        case .sqlite:
            return (try StoreLocation.sqlite(path: folder.appendingPathComponent("docket.sqlite").path).open(create: true), nil)
        case .postgres:
            // A fresh database per test on the run's server, dropped when the store's test ends.
            let database = try PostgresTestServer.shared().makeDatabase()
            return (try StoreLocation.resolve(option: database.url).open(create: true), database)
        }
    }
}
