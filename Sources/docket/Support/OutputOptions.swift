import ArgumentParser

/// `--json`, shared by every command that can print its result for a script.
struct OutputOptions: ParsableArguments {
    @Flag(name: .long, help: "Print the result as one JSON document on standard output instead of text (Docs/cli.md).")
    var json = false
}
