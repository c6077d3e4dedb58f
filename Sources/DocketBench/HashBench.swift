import Crypto
import DocketCore
import Foundation

/// SHA-256 throughput, as the export uses it (every byte it writes, in 64 KB pieces): Docket's `SHA256`
/// beside swift-crypto's called directly, the same bytes in the same run, so that a slower layer (or a
/// faster replacement) shows. Figures are MB per CPU second, the steadier measure on a shared machine.
func runHashBench(quick: Bool) throws -> [String: Double] {
    let chunk = [UInt8]((0..<(64 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
    let chunks = quick ? 256 : 4_096  // 16 MB, or 256 MB
    let megabytes = Double(chunks * chunk.count) / 1_000_000
    var docketDigest = ""
    var cryptoDigest = ""
    var docketSeconds: [Double] = []
    var cryptoSeconds: [Double] = []
    for _ in 0..<(quick ? 1 : 3) {
        var start = Measure.cpuSeconds()
        var ours = DocketCore.SHA256()
        chunk.withUnsafeBufferPointer { bytes in for _ in 0..<chunks { ours.update(bytes: bytes) } }
        docketDigest = ours.finalizeHex()
        docketSeconds.append(Measure.cpuSeconds() - start)

        start = Measure.cpuSeconds()
        var library = Crypto.SHA256()
        chunk.withUnsafeBytes { bytes in for _ in 0..<chunks { library.update(bufferPointer: bytes) } }
        cryptoDigest = library.finalize().map { String(format: "%02x", $0) }.joined()
        cryptoSeconds.append(Measure.cpuSeconds() - start)
    }
    guard docketDigest == cryptoDigest else {
        throw BenchError("the two SHA-256 digests differ: \(docketDigest) and \(cryptoDigest)")
    }
    return [
        "sha256_docket_mb_per_cpu_s": megabytes / Measure.median(docketSeconds),
        "sha256_swift_crypto_mb_per_cpu_s": megabytes / Measure.median(cryptoSeconds),
    ]
}
