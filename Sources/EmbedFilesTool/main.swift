import Foundation

// Writes a Swift file holding files as base64 text: `EmbedFilesTool OUTPUT NAME PATH [NAME PATH ...]`.
// Base64 keeps any byte (quotes, backslashes, control characters of hostile demo posts) out of the
// literal's syntax; decoding a few hundred kilobytes at first use costs well under a millisecond.

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count % 2 == 1 else {
    FileHandle.standardError.write(Data("usage: EmbedFilesTool OUTPUT [NAME PATH]...\n".utf8))
    exit(64)
}
var source = """
    // Generated at build time by the EmbedShippedFiles plugin from the files named below: do not edit.
    import Foundation

    /// The files shipped inside this module, by name (`Themes/light.yml`).
    enum EmbeddedFiles {
        /// The text of each shipped file, base64-encoded.
        static let base64: [String: String] = [

    """
for index in stride(from: 1, to: arguments.count, by: 2) {
    let name = arguments[index]
    guard let data = FileManager.default.contents(atPath: arguments[index + 1]) else {
        FileHandle.standardError.write(Data("EmbedFilesTool: cannot read \(arguments[index + 1])\n".utf8))
        exit(66)
    }
    source += "        \"\(name)\": \"\(data.base64EncodedString())\",\n"
}
source += """
        ]

        /// The names of the shipped files in `folder` (`Themes`), sorted.
        static func names(in folder: String) -> [String] {
            base64.keys.filter { $0.hasPrefix(folder + "/") }.sorted()
        }

        /// The bytes of the shipped file `name`, or nil when nothing of that name is shipped.
        static func data(_ name: String) -> Data? {
            base64[name].flatMap { Data(base64Encoded: $0) }
        }

        /// The text of the shipped file `name`, or nil when nothing of that name is shipped.
        static func text(_ name: String) -> String? {
            data(name).flatMap { String(data: $0, encoding: .utf8) }
        }
    }

    """
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: arguments[0]), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("EmbedFilesTool: cannot write \(arguments[0]): \(error)\n".utf8))
    exit(74)
}
