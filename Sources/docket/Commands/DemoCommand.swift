import ArgumentParser
import DocketCore
import DocketIO
import DocketStore
import DocketTUI
import Foundation

/// `docket demo`: a working database with real public data, then the review screen.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo database with real public data and open the review screen.",
        discussion: """
            Loads the example queues shipped with docket (or those of --queues DIR) and 300 HateXplain posts with a baseline model's \
            scores and explanations (120 of them with their three original annotators' labels, 20 with \
            a known answer) into the 'hate-harassment' queue, and 8 image items with pictures Docket draws \
            itself into 'image-review' (beside the database, in DB-images). On a terminal it then opens the review \
            screen; otherwise it prints the next steps. Running it again reuses the database.
            """)

    @Option(name: .long, help: ArgumentHelp("The database: a SQLite file path, or a postgresql:// (postgres://) URL.",
                                            discussion: "Default: $DOCKET_DB, else ./docket-demo.sqlite.", valueName: "path|url"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp("Folder of queue files to load instead of the shipped examples; it must hold hate-harassment.yml.", valueName: "dir"))
    var queues: String?

    @Flag(name: .long, help: "Delete the demo database first and start again.")
    var fresh = false

    @Flag(name: .long, help: "Only build the database; do not open the review screen.")
    var noReview = false

    @Flag(name: .long, help: "Print where the demo data comes from and its licence, then stop.")
    var attribution = false

    static let queueID = "hate-harassment"

    /// The demo's database: --db, else $DOCKET_DB, else its own file (not ./docket.sqlite, which may be real work).
    var location: StoreLocation {
        StoreLocation(db ?? ProcessInfo.processInfo.environment["DOCKET_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "docket-demo.sqlite")
    }

    /// The database as messages show it (a URL without its password).
    var path: String { location.description }

    func validate() throws {
        if fresh, location.isPostgres {
            throw ValidationError("--fresh deletes a SQLite file; to start a PostgreSQL demo again, drop and create its database")
        }
    }

    func run() throws {
        try reportingErrors {
            if attribution {
                print(DemoData.attribution, terminator: "")
                return
            }
            if fresh, case .sqlite(let file) = location {
                for suffix in ["", "-wal", "-shm", "-images"] { try? FileManager.default.removeItem(atPath: file + suffix) }
            }
            let definitions: [(QueueDefinition, String)]
            if let queues {
                let files = QueueFolder.files(in: queues)
                guard files.contains(where: { $0.hasSuffix("/\(Self.queueID).yml") }) else {
                    throw DocketError.notFound("the demo needs a '\(Self.queueID)' queue: no '\(queues)/\(Self.queueID).yml' (leave out --queues to use the shipped examples)")
                }
                definitions = try files.map { try QueueFolder.read($0) }
            } else {
                definitions = try QueueFolder.shippedExamples()
            }
            let store = try location.open(create: true)
            for (definition, yaml) in definitions {
                try store.saveQueue(definition, yaml: yaml, actor: Identity.loginName)
            }
            let summary = try DemoData.withFile { data in
                try store.importItems(into: Self.queueID, from: [try JSONLImportSource(path: data)],
                                      options: ImportOptions(strict: true, actor: Identity.loginName))
            }
            // The image queue's pictures go beside a SQLite file, else into the working folder.
            var imageFolder = "docket-demo-images"
            if case .sqlite(let file) = location { imageFolder = file + "-images" }
            let images = try DemoImageQueue.load(into: store, folder: imageFolder)
            let queueSummary = try store.queueSummaries(only: Self.queueID).first!
            print("Demo database: \(path)")
            // The same count as the review screen's "left for you" before anyone starts: known-answer items are
            // mixed in while work remains and are not counted as work.
            print("Queue '\(Self.queueID)': \(queueSummary.items) items (\(summary.inserted) new), \(queueSummary.complete) complete, "
                  + "\(try store.remainingCount(queue: Self.queueID)) to review (plus \(queueSummary.gold) known-answer checks)")
            print("Data: HateXplain (Mathew et al., AAAI 2021), see docket demo --attribution. Content warning: hate speech.")
            print("Queue '\(DemoImageQueue.queueID)': 8 image items (\(images.inserted) new), pictures drawn by Docket in \(imageFolder)")
            let interactive = isatty(0) == 1 && isatty(1) == 1 && !noReview
            if interactive {
                let theme: Theme
                do throws(InputError) { theme = try ThemeLocator().theme(named: nil) } catch { throw DocketError.input(error) }
                if let signal = try ReviewApp.run(store: store, queue: Self.queueID, reviewer: Identity.loginName, theme: theme) {
                    throw ExitCode(128 + signal)
                }
                print("Your decisions are in \(path). Next: 'docket report agreement --db \(path) --queue \(Self.queueID)'.")
                return
            }
            print("""

                Next steps:
                  docket review --db \(path) --queue \(Self.queueID)          # label items, one key each
                  docket next   --db \(path) --queue \(Self.queueID) --json   # the scriptable path
                  docket report agreement --db \(path) --queue \(Self.queueID)
                  docket export --db \(path) --queue \(Self.queueID) --out dataset --format hf
                  docket review --db \(path) --queue \(DemoImageQueue.queueID)             # images, masked until r
                """)
        }
    }
}
