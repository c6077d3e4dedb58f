#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Clocks, percentiles and memory readings shared by every benchmark.
enum Measure {
    /// Monotonic time in seconds (not affected by clock changes).
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// CPU seconds this process has used (all threads): on a shared machine, a figure that other
    /// processes' load disturbs much less than wall time.
    static func cpuSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Seconds taken by `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }

    /// The exact `p`-th percentile (0...100) of `samples` by the nearest-rank method; 0 when empty.
    static func percentile(_ samples: [Double], _ p: Double) -> Double {
        percentile(sorted: samples.sorted(), p)
    }

    /// The nearest-rank percentile of already sorted samples.
    static func percentile(sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// The median of `values` (the mean of the middle two for an even count).
    static func median(_ values: [Double]) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// A field of /proc/self/status in kilobytes (`VmHWM`, `VmRSS`), or nil where there is no /proc.
    static func statusKilobytes(_ field: String) -> Double? {
        guard let file = fopen("/proc/self/status", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 256)
        while fgets(&line, Int32(line.count), file) != nil {
            let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard text.hasPrefix(field + ":") else { continue }
            let digits = text.dropFirst(field.count + 1).filter { $0.isNumber }
            return Double(String(digits))
        }
        return nil
    }

    /// Resets the RSS high-water mark (VmHWM) to the current RSS, so that the next reading is the peak
    /// of what follows. Linux only (writing 5 to /proc/self/clear_refs); false when not possible.
    @discardableResult
    static func resetPeakMemory() -> Bool {
        guard let file = fopen("/proc/self/clear_refs", "w") else { return false }
        defer { fclose(file) }
        return fputs("5", file) >= 0
    }

    /// Megabytes from kilobytes.
    static func megabytes(_ kilobytes: Double?) -> Double {
        (kilobytes ?? 0) / 1024
    }
}
