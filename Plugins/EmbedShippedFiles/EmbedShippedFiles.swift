import Foundation
import PackagePlugin

/// Compiles the files Docket ships (themes, example queues, demo data) into the module that uses them, so that
/// an installed binary finds them from any folder and any install location, with nothing to copy beside it.
@main
struct EmbedShippedFiles: BuildToolPlugin {
    /// The folders (relative to the package root) whose files each target embeds, with the name endings taken.
    static let shipped: [String: [(folder: String, endings: [String])]] = [
        "DocketTUI": [("Themes", [".yml"])],
        "docket": [("Queues", [".yml"]), ("Sources/docket/Demo", [".jsonl", ".md"])],
    ]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let folders = Self.shipped[target.name] else { return [] }
        let root = context.package.directoryURL
        var inputs: [URL] = []
        var names: [String] = []
        for (folder, endings) in folders {
            let url = root.appending(path: folder)
            let files = try FileManager.default.contentsOfDirectory(atPath: url.path)
                .filter { name in endings.contains { name.hasSuffix($0) } }.sorted()
            for file in files {
                inputs.append(url.appending(path: file))
                names.append(folder.split(separator: "/").last.map(String.init)! + "/" + file)
            }
        }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        var arguments = [output.path]
        for (name, input) in zip(names, inputs) { arguments += [name, input.path] }
        return [.buildCommand(
            displayName: "Embedding \(inputs.count) shipped files in \(target.name)",
            executable: try context.tool(named: "EmbedFilesTool").url,
            arguments: arguments,
            inputFiles: inputs,
            outputFiles: [output])]
    }
}
