import Foundation

/// ISO 8601 timestamps (UTC) to and from seconds since 1970, without a date formatter on the hot path.
public enum Timestamp {
    /// The current time in seconds since 1970: what every store stamps decisions, leases and audit lines with.
    public static func now() -> Double { Date().timeIntervalSince1970 }

    /// Parses `2024-05-01`, `2024-05-01T12:30:00Z`, `2024-05-01 12:30:00.250+02:00` and the like.
    public static func parse(_ text: String) -> Double? {
        let b = Array(text.utf8)
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in 0..<n {
                let c = b[i + k]
                guard c >= 48 && c <= 57 else { return nil }
                v = v * 10 + Int(c - 48)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(UInt8(ascii: "-")), let month = digits(2), expect(UInt8(ascii: "-")),
              let day = digits(2), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var seconds = Double(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if i == b.count { return seconds }
        guard i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: " ") else { return nil }
        i += 1
        guard let hour = digits(2), expect(UInt8(ascii: ":")), let minute = digits(2),
              hour < 24, minute < 60 else { return nil }
        var second = 0.0
        if expect(UInt8(ascii: ":")) {
            guard let s = digits(2), s <= 60 else { return nil }
            second = Double(s)
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                var scale = 0.1
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    second += Double(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
            }
        }
        seconds += Double(hour * 3600 + minute * 60) + second
        if i == b.count { return seconds }
        if expect(UInt8(ascii: "Z")) || expect(UInt8(ascii: "z")) { return i == b.count ? seconds : nil }
        guard i < b.count, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") else { return nil }
        let sign: Double = b[i] == UInt8(ascii: "+") ? 1 : -1
        i += 1
        guard let offsetHours = digits(2) else { return nil }
        _ = expect(UInt8(ascii: ":"))
        let offsetMinutes = digits(2) ?? 0
        guard i == b.count else { return nil }
        return seconds - sign * Double(offsetHours * 3600 + offsetMinutes * 60)
    }

    /// The times Docket accepts and shows: from 0000-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z, the years
    /// an ISO 8601 time writes with four digits. Anything outside is refused where it comes in, never
    /// clamped: a `created_at` of 1e300 or 2^64 is a broken record, not a time.
    public static let representable: ClosedRange<Double> = -62_167_219_200 ... 253_402_300_799.999

    /// `seconds` when it is a time in ``representable`` (NaN and infinities are not), else nil.
    public static func checked(_ seconds: Double) -> Double? {
        representable.contains(seconds) ? seconds : nil
    }

    /// `2024-05-01T12:30:00Z` (with milliseconds when there are any). A value outside ``representable``
    /// (only a database edited by hand holds one) is shown as `invalid time (VALUE)` rather than trapping.
    public static func format(_ seconds: Double) -> String {
        guard representable.contains(seconds) else { return "invalid time (\(seconds))" }
        let whole = seconds.rounded(.down)
        let millis = Int(((seconds - whole) * 1000).rounded())
        var total = Int64(whole)
        if millis == 1000 { total += 1 }
        let days = Int(floorDiv(total, 86_400))
        let rest = Int(total - Int64(days) * 86_400)
        let (y, m, d) = civilFromDays(days)
        func pad(_ v: Int, _ n: Int) -> String {
            let s = String(v)
            return s.count >= n ? s : String(repeating: "0", count: n - s.count) + s
        }
        var text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rest / 3600, 2)):\(pad(rest / 60 % 60, 2)):\(pad(rest % 60, 2))"
        if millis > 0 && millis < 1000 { text += "." + pad(millis, 3) }
        return text + "Z"
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    // Howard Hinnant's days-from-civil algorithm (public domain arithmetic on the proleptic Gregorian calendar).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
