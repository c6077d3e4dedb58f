import DocketCore
import DocketIO
import DocketImages
import DocketStore
import Foundation

/// The demo's image queue, `image-review`: pictures Docket draws itself when the demo runs (gradients and
/// squares from ``SamplePictures``: no photographs, nothing fetched, nothing to attribute), with a model's
/// regions and alt text, a URL kept as text, and two hostile files (a decompression bomb and a PNG named
/// `.jpg`) that the review screen shows as placeholders with their reasons.
enum DemoImageQueue {
    static let queueID = "image-review"

    static let yaml = """
        # Image review (demo): pictures drawn by Docket itself, with a model's flagged regions.
        id: image-review
        title: Image review (demo)
        guidelines: |
          # Image review

          Each item is a post with a picture. The picture starts pixelated and grey: press r to see it.
          - **Harmful (1)**: the picture or its caption attacks or threatens someone.
          - **Benign (2)**: neither.
          Regions outlined on the picture are where the model looked; their weights are listed below it.
        labels:
          - id: harmful
            key: "1"
            description: The picture or its caption attacks or threatens someone
          - id: benign
            key: "2"
            description: Neither
        wellbeing:
          image_mask_blocks: 12
          image_mask_greyscale: true
        """

    /// Draws the pictures into `folder`, adds the queue and imports its items (again on a rerun: unchanged).
    static func load(into store: any ReviewStore, folder: String) throws -> ImportSummary {
        let definition = try QueueFile.parse(yaml, file: "image-review.yml")
        try store.saveQueue(definition, yaml: yaml, actor: Identity.loginName)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        func save(_ name: String, _ bytes: [UInt8]?) throws {
            guard let bytes else { throw DocketError.unexpected("the demo picture \(name) could not be drawn") }
            try Data(bytes).write(to: URL(fileURLWithPath: folder + "/" + name))
        }
        var lines: [String] = []
        let captions = ["nobody wants you here", "sunset over the bay", "you will regret this", "team photo, 2019", "we know where you live"]
        for (index, caption) in captions.enumerated() {
            let name = String(format: "post-%02d.png", index + 1)
            let (width, height) = [(320, 240), (256, 256), (400, 200), (300, 300), (240, 320)][index]
            try save(name, ImageWriter.encode(SamplePictures.pattern(width: width, height: height, hue: index * 47), as: .png))
            let harmful = index % 2 == 0
            let score = harmful ? 0.81 - Double(index) * 0.03 : 0.12 + Double(index) * 0.02
            let region = #"{"x":\#(width / 3),"y":\#(height / 3),"w":\#(width / 3),"h":\#(height / 3),"label":"text-overlay","weight":\#(harmful ? 0.9 : 0.3)}"#
            lines.append(#"{"id":"img-\#(index + 1)","text":"Post with a picture (demo item \#(index + 1))","media":[{"path":"\#(name)","mime":"image/png","alt":"OCR: '\#(caption)'","regions":[\#(region)]}],"scores":[{"model":"demo-vision@v0","category":"harmful","score":\#(score),"threshold":0.5}]}"#)
        }
        try save("bomb.png", SamplePictures.pngBomb(width: 100_000, height: 100_000))
        try save("renamed.jpg", ImageWriter.encode(SamplePictures.pattern(width: 64, height: 64), as: .png))
        lines.append(#"{"id":"img-6","text":"A link to a picture (never fetched)","media":[{"path":"https://example.invalid/picture.png","alt":"a link only"}]}"#)
        lines.append(#"{"id":"img-7","text":"A file claiming 100,000 x 100,000 pixels (a decompression bomb)","media":[{"path":"bomb.png","mime":"image/png"}]}"#)
        lines.append(#"{"id":"img-8","text":"PNG bytes in a file named .jpg","media":[{"path":"renamed.jpg","mime":"image/jpeg"}]}"#)
        let file = folder + "/items.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: file))
        return try store.importItems(into: queueID, from: [try JSONLImportSource(path: file)],
                                     options: ImportOptions(strict: true, actor: Identity.loginName))
    }
}
