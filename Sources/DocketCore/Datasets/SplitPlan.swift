/// The named shares of a dataset split, as given by `--split train=0.8,validation=0.1,test=0.1`:
/// which splits an export writes, in which order, and what fraction of the items each should get.
public struct SplitPlan: Equatable, Sendable {
    /// One named split and its share of the items (above 0, all shares sum to 1).
    public struct Share: Equatable, Sendable {
        public var name: String
        public var fraction: Double

        public init(name: String, fraction: Double) {
            self.name = name
            self.fraction = fraction
        }
    }

    /// The splits in the order given on the command line (files and manifest follow this order).
    public var shares: [Share]

    /// The default plan: `train=0.8,validation=0.1,test=0.1`.
    public static let standard = SplitPlan(shares: [
        Share(name: "train", fraction: 0.8), Share(name: "validation", fraction: 0.1), Share(name: "test", fraction: 0.1),
    ])

    public init(shares: [Share]) {
        self.shares = shares
    }

    /// The split names in order.
    public var names: [String] { shares.map(\.name) }

    /// The text form (`train=0.8,validation=0.1,test=0.1`) as recorded in the manifest.
    public var description: String {
        shares.map { "\($0.name)=\(Self.formatFraction($0.fraction))" }.joined(separator: ",")
    }

    /// Parses `name=fraction,...`. Fractions may also be percentages (`train=80%`); they must sum to 1
    /// (within 1e-6). Errors name the field `--split` and say what is wrong with which part.
    public static func parse(_ text: String, field: String = "--split") throws(InputError) -> SplitPlan {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else {
            throw InputError(field: field, "is empty; give name=fraction pairs such as train=0.8,validation=0.1,test=0.1")
        }
        var shares: [Share] = []
        for rawPart in trimmed.split(separator: ",", omittingEmptySubsequences: false) {
            let part = String(rawPart).trimmingSpaces
            let pieces = part.split(separator: "=", omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw InputError(field: field, "'\(part)' is not name=fraction (example: train=0.8)")
            }
            let name = String(pieces[0]).trimmingSpaces
            var number = String(pieces[1]).trimmingSpaces
            guard isSplitName(name) else {
                throw InputError(field: field, "'\(name)' is not a valid split name: use letters, digits, '-' and '_', starting with a letter")
            }
            guard !shares.contains(where: { $0.name == name }) else {
                throw InputError(field: field, "split '\(name)' is named twice")
            }
            var divisor = 1.0
            if number.hasSuffix("%") {
                number.removeLast()
                divisor = 100
            }
            guard let value = Double(number), value.isFinite else {
                throw InputError(field: field, "the share of '\(name)' is '\(pieces[1])', not a number")
            }
            let fraction = value / divisor
            guard fraction > 0, fraction <= 1 else {
                throw InputError(field: field, "the share of '\(name)' must be above 0 and at most 1 (got \(pieces[1]))")
            }
            shares.append(Share(name: name, fraction: fraction))
        }
        let total = shares.reduce(0) { $0 + $1.fraction }
        guard abs(total - 1) <= 1e-6 else {
            throw InputError(field: field, "the shares sum to \(formatFraction(total)), they must sum to 1")
        }
        return SplitPlan(shares: shares)
    }

    /// Split names in the usual order: train, then validation (valid, dev), then test, then the rest by name.
    public static func conventionalOrder(_ names: [String]) -> [String] {
        let known = ["train", "training", "validation", "valid", "val", "dev", "test"]
        return names.sorted { a, b in
            let (ra, rb) = (known.firstIndex(of: a.lowercased()) ?? known.count, known.firstIndex(of: b.lowercased()) ?? known.count)
            return ra != rb ? ra < rb : a < b
        }
    }

    /// Whether `name` can name a split (it becomes a file name and a `datasets` split name).
    public static func isSplitName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter, name.utf8.count <= 40 else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    static func formatFraction(_ value: Double) -> String {
        // Shortest round-trip text, without a trailing ".0" for whole numbers.
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}
