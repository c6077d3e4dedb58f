import DocketStore
import Testing

/// `--db` and `$DOCKET_DB`: which backend a location names, and that a printed location never holds a password.
struct StoreLocationTests {
    @Test("postgresql:// and postgres:// (any case) mean PostgreSQL; anything else is a SQLite path")
    func backendChoice() {
        #expect(StoreLocation("postgresql://ann@db.example:5432/docket?sslmode=require").isPostgres)
        #expect(StoreLocation("POSTGRES://db/docket").isPostgres)
        #expect(StoreLocation("review.sqlite") == .sqlite(path: "review.sqlite"))
        #expect(StoreLocation("./postgres://odd-but-a-file") == .sqlite(path: "./postgres://odd-but-a-file"))
    }

    @Test("--db wins over $DOCKET_DB, which wins over ./docket.sqlite; an empty variable is ignored")
    func fallbacks() {
        #expect(StoreLocation.resolve(option: "a.sqlite", environment: ["DOCKET_DB": "postgres://x/y"]) == .sqlite(path: "a.sqlite"))
        #expect(StoreLocation.resolve(option: nil, environment: ["DOCKET_DB": "postgres://x/y"]) == .postgres(url: "postgres://x/y"))
        #expect(StoreLocation.resolve(option: nil, environment: ["DOCKET_DB": ""]) == .sqlite(path: "docket.sqlite"))
        #expect(StoreLocation.resolve(option: nil, environment: [:]) == .sqlite(path: "docket.sqlite"))
    }

    @Test("passwords are removed from user info and from the password parameter, wherever a URL appears")
    func passwordsRemoved() {
        #expect(StoreLocation("postgresql://ann:s3cr%40t@db:5432/docket").description == "postgresql://ann@db:5432/docket")
        #expect(StoreLocation("postgres://ann@db/docket?password=s3cret&sslmode=verify-full").description
                == "postgres://ann@db/docket?sslmode=verify-full")
        #expect(StoreLocation("postgres://db/docket?PASSWORD=x").description == "postgres://db/docket")
        #expect(StoreLocation.withoutPasswords("cannot connect to 'postgresql://u:pw@h/d' (refused); also postgres://v:pw2@h")
                == "cannot connect to 'postgresql://u@h/d' (refused); also postgres://v@h")
        #expect(StoreLocation.withoutPasswords("no URL here: postgres is a word") == "no URL here: postgres is a word")
        #expect(StoreLocation("/data/review.sqlite").description == "/data/review.sqlite")
    }
}
