import ArgumentParser

/// `--queue ID`, shared by every command that works on one queue.
struct QueueOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The queue, by its id (see 'docket queues').", valueName: "id"))
    var queue: String
}
