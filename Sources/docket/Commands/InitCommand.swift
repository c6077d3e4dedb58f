import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// `docket init`: creates the database and loads the queue files of a folder.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database (if missing) and add every queue file of a folder.",
        discussion: "Safe to run again: existing queues are updated from their files, nothing stored is lost.")

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: ArgumentHelp("Folder of queue files (*.yml).", valueName: "dir"))
    var queues: String = "Queues"

    @Flag(name: .long, help: "Also add the example queues shipped with docket (hate-harassment, self-harm, spam-scams).")
    var examples = false

    func run() throws {
        try reportingErrors {
            let db = try store.open(create: true)
            try Access.check(db, .manageQueues)
            let files = QueueFolder.files(in: queues)
            var added = 0
            for file in files {
                let (definition, yaml) = try QueueFolder.read(file)
                try db.saveQueue(definition, yaml: yaml, actor: try Access.actor(db))
                added += 1
            }
            var shipped = 0
            if examples {
                for (definition, yaml) in try QueueFolder.shippedExamples() {
                    try db.saveQueue(definition, yaml: yaml, actor: try Access.actor(db))
                    shipped += 1
                }
            }
            var sources: [String] = []
            if added > 0 { sources.append("\(added) queue file(s) from \(queues)/") }
            if shipped > 0 { sources.append("\(shipped) example queue(s)") }
            print("Database ready: \(db.path)" + (sources.isEmpty ? "" : " (" + sources.joined(separator: ", ") + ")"))
            if files.isEmpty && !examples && FileManager.default.fileExists(atPath: queues) == false {
                print("No '\(queues)' folder here: add queues with 'docket queues add FILE.yml', or the shipped examples with 'docket init --examples'.")
            }
        }
    }
}

/// Reading queue files from disk.
enum QueueFolder {
    /// The `*.yml` / `*.yaml` files of `folder`, sorted; none when it does not exist.
    static func files(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map { folder + "/" + $0 }
    }

    /// Parses one queue file; errors name the file, line and field.
    static func read(_ file: String) throws -> (QueueDefinition, String) {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw DocketError.notFound("cannot read the queue file '\(file)'")
        }
        guard let yaml = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, "is not UTF-8 text")
        }
        return (try QueueFile.parse(yaml, file: file), yaml)
    }

    /// The example queues compiled into the binary (`Queues/*.yml` of the repository), parsed.
    static func shippedExamples() throws -> [(QueueDefinition, String)] {
        try EmbeddedFiles.names(in: "Queues").map { name in
            let yaml = EmbeddedFiles.text(name) ?? ""
            return (try QueueFile.parse(yaml, file: name + " (shipped with docket)"), yaml)
        }
    }
}
