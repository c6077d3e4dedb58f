import DocketStore
import Foundation

/// Whether this run covers PostgreSQL, by the rule of the store suites (StoreBackend.underTest): when named in
/// `DOCKET_TEST_BACKENDS`, or in CI and with a test server once the backend is finished.
enum PostgresUnderTest {
    static var isOn: Bool {
        let environment = ProcessInfo.processInfo.environment
        if let named = environment["DOCKET_TEST_BACKENDS"], !named.isEmpty { return named.split(separator: ",").contains("postgres") }
        return StoreLocation.hasPostgresBackend
            && (environment["CI"] == "true" || !(environment["DOCKET_TEST_POSTGRES_URL"] ?? "").isEmpty)
    }
}
