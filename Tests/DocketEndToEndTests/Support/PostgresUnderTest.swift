import DocketStore
import Foundation
import PostgresTestSupport

/// Whether this run covers PostgreSQL, by the rule of the store suites (StoreBackend.underTest): when named in
/// `DOCKET_TEST_BACKENDS` (outside CI), else whenever the PostgreSQL tests run (``PostgresTestServer/shouldRun``).
enum PostgresUnderTest {
    static var isOn: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] != "true", let named = environment["DOCKET_TEST_BACKENDS"], !named.isEmpty { return named.split(separator: ",").contains("postgres") }
        return StoreLocation.hasPostgresBackend && PostgresTestServer.shouldRun
    }
}
