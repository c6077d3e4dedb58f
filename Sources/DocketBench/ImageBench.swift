import CGdkPixbuf
import DocketCore
import DocketImages
import DocketTUI
import Foundation

/// The image benchmark: an image item's first draw on the review screen, from a 1024 x 1024 JPEG on disk to
/// the screen model at 120 x 40 (read, SHA-256 check, header check, decode, mask, symbols, regions), each
/// time with nothing cached, as when the item appears; then the draw after the reveal key (decoded picture
/// cached, drawn unmasked). The floor is gdk-pixbuf's own decode of the same file
/// (`gdk_pixbuf_new_from_file`), which no drawing of the picture can beat.
///
/// Returns `review_image_first_draw_p50_ms`, `review_image_first_draw_p99_ms` (goal: under 50 ms), the same in
/// CPU time of the process (`_cpu_p50_ms`, `_cpu_p99_ms`: what other processes' load disturbs least; chafa's
/// threads count in full), `review_image_reveal_p99_ms`, `image_decode_floor_p50_ms` and `image_decode_floor_p99_ms`.
func runImageBench(quick: Bool, directory: String) throws -> [String: Double] {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = directory + "/bench-1024.jpg"
    guard let jpeg = ImageWriter.encode(SamplePictures.pattern(width: 1024, height: 1024, hue: 30), as: .jpeg) else {
        throw BenchError("cannot encode the benchmark's JPEG")
    }
    try Data(jpeg).write(to: URL(fileURLWithPath: path))
    var hasher = SHA256()
    hasher.update(jpeg)
    let reference = MediaReference(path: path, resolvedPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path,
                                   mime: "image/jpeg", alt: "a benchmark picture", sha256: hasher.finalizeHex(),
                                   bytes: jpeg.count, regions: [MediaRegion(x: 300, y: 300, width: 400, height: 200, label: "region", weight: 0.9)])
    var item = Item(queue: "bench", externalID: "image-1", text: "A post with a 1024 x 1024 picture.")
    item.media = [reference]
    let queue = QueueDefinition(id: "bench", title: "Image benchmark", labels: [LabelOption(id: "bad", key: "1")])
    let runs = quick ? 10 : 100
    var first: [Double] = [], reveal: [Double] = [], floor: [Double] = [], firstCPU: [Double] = []
    for _ in 0..<runs {
        var state = ReviewState(queue: queue, reviewer: "bench", now: 0)
        let start = Measure.now(), startCPU = Measure.cpuSeconds()
        state.show(item, at: 0)
        let grid = ReviewScreen.render(state, width: 120, height: 40, bindings: .review())
        first.append((Measure.now() - start) * 1000)
        firstCPU.append((Measure.cpuSeconds() - startCPU) * 1000)
        guard grid.text.contains("masked (pixelated, grey)") else { throw BenchError("the picture was not drawn: \(grid.text.prefix(400))") }
        let revealStart = Measure.now()
        state.images.revealed = true
        _ = ReviewScreen.render(state, width: 120, height: 40, bindings: .review())
        reveal.append((Measure.now() - revealStart) * 1000)
        let floorStart = Measure.now()
        var error: UnsafeMutablePointer<GError>?
        guard let pixbuf = gdk_pixbuf_new_from_file(path, &error) else { throw BenchError("gdk-pixbuf cannot decode \(path)") }
        floor.append((Measure.now() - floorStart) * 1000)
        docket_object_unref(UnsafeMutableRawPointer(pixbuf))
    }
    return [
        "review_image_first_draw_p50_ms": Measure.percentile(first, 50),
        "review_image_first_draw_p99_ms": Measure.percentile(first, 99),
        "review_image_first_draw_cpu_p50_ms": Measure.percentile(firstCPU, 50),
        "review_image_first_draw_cpu_p99_ms": Measure.percentile(firstCPU, 99),
        "review_image_reveal_p99_ms": Measure.percentile(reveal, 99),
        "image_decode_floor_p50_ms": Measure.percentile(floor, 50),
        "image_decode_floor_p99_ms": Measure.percentile(floor, 99),
    ]
}
