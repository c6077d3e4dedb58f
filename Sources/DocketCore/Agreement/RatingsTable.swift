/// One rater's label for one item: the unit every agreement figure is computed from.
public struct Rating: Equatable, Sendable {
    /// The item (external id).
    public var item: String
    /// The reviewer or annotator.
    public var rater: String
    /// The label id.
    public var label: String

    public init(item: String, rater: String, label: String) {
        self.item = item
        self.rater = rater
        self.label = label
    }
}

/// Ratings coded as integers and grouped by item, so that every agreement figure is a tight loop over arrays.
///
/// Items, raters and labels are numbered (`items[i]`, `raters[r]`, `labels[c]`); the ratings of item `i` are
/// positions `itemStart[i] ..< itemStart[i + 1]` of `raterCodes` and `labelCodes`. A rater rates an item at
/// most once: later ratings of the same item by the same rater are dropped and counted in `repeatsDropped`.
public struct RatingsTable: Sendable {
    /// Item names, numbered by position.
    public private(set) var items: [String]
    /// Rater names, numbered by position.
    public private(set) var raters: [String]
    /// The categories in their order (the order used for Cohen's weights, confusion matrices and the ordinal scale).
    public private(set) var labels: [String]
    /// The number each label stands for on an ordinal, interval or ratio scale; nil for a nominal taxonomy.
    public private(set) var labelValues: [Double]?
    /// Where each item's ratings start in `raterCodes` and `labelCodes` (one more entry than items).
    public private(set) var itemStart: [Int]
    /// Rater number of each rating, grouped by item.
    public private(set) var raterCodes: [Int32]
    /// Label number of each rating, grouped by item.
    public private(set) var labelCodes: [Int32]
    /// Ratings left out because the same rater had already rated the item (the first one counts).
    public private(set) var repeatsDropped: Int
    /// Ratings left out because their label is not in the given label list.
    public private(set) var unknownLabelsDropped: Int

    /// Builds a table from ratings in the order given (earlier ratings win over repeats).
    ///
    /// - Parameters:
    ///   - labels: the label order; when nil, the labels seen, ordered by `values` if given, else numerically when
    ///     every label is a number, else alphabetically (the order crowd-kit and scikit-learn use).
    ///   - values: the number each label stands for, which makes ordinal, interval and ratio figures possible.
    public init(ratings: some Sequence<Rating>, labels: [String]? = nil, values: [String: Double]? = nil) {
        var itemIndex: [String: Int32] = [:]
        var raterIndex: [String: Int32] = [:]
        var labelIndex: [String: Int32] = [:]
        var itemNames: [String] = []
        var raterNames: [String] = []
        var labelNames: [String] = labels ?? []
        for (offset, name) in labelNames.enumerated() where labelIndex[name] == nil { labelIndex[name] = Int32(offset) }
        var triples: [(Int32, Int32, Int32)] = []
        var unknown = 0
        for rating in ratings {
            var labelCode = labelIndex[rating.label]
            if labelCode == nil {
                if labels != nil { unknown += 1; continue }
                labelCode = Int32(labelNames.count)
                labelIndex[rating.label] = labelCode
                labelNames.append(rating.label)
            }
            let item: Int32
            if let known = itemIndex[rating.item] { item = known } else {
                item = Int32(itemNames.count)
                itemIndex[rating.item] = item
                itemNames.append(rating.item)
            }
            let rater: Int32
            if let known = raterIndex[rating.rater] { rater = known } else {
                rater = Int32(raterNames.count)
                raterIndex[rating.rater] = rater
                raterNames.append(rating.rater)
            }
            triples.append((item, rater, labelCode!))
        }
        var labelOrder = Array(0 ..< labelNames.count)
        if labels == nil {
            labelOrder = RatingsTable.naturalOrder(of: labelNames, values: values)
        }
        var recode = [Int32](repeating: 0, count: labelNames.count)
        for (newCode, oldCode) in labelOrder.enumerated() { recode[oldCode] = Int32(newCode) }
        let orderedLabels = labelOrder.map { labelNames[$0] }
        self.init(items: itemNames, raters: raterNames, labels: orderedLabels,
                  labelValues: values.flatMap { map in RatingsTable.valueList(orderedLabels, map) },
                  codedRatings: triples.map { ($0.0, $0.1, recode[Int($0.2)]) })
        self.unknownLabelsDropped = unknown
    }

    /// Builds a table from integer-coded ratings (item, rater, label), for callers that already hold codes.
    public init(items: [String], raters: [String], labels: [String], labelValues: [Double]? = nil,
                codedRatings: [(item: Int32, rater: Int32, label: Int32)]) {
        self.items = items
        self.raters = raters
        self.labels = labels
        self.labelValues = labelValues.flatMap { $0.count == labels.count ? $0 : nil }
        self.unknownLabelsDropped = 0
        // Counting sort by item keeps each item's ratings in their original order, so "first rating wins" holds.
        var counts = [Int](repeating: 0, count: items.count + 1)
        for rating in codedRatings { counts[Int(rating.item) + 1] += 1 }
        for index in 1 ..< counts.count { counts[index] += counts[index - 1] }
        var next = counts
        var raterSlots = [Int32](repeating: 0, count: codedRatings.count)
        var labelSlots = [Int32](repeating: 0, count: codedRatings.count)
        for rating in codedRatings {
            let slot = next[Int(rating.item)]
            raterSlots[slot] = rating.rater
            labelSlots[slot] = rating.label
            next[Int(rating.item)] += 1
        }
        // Drop repeats of an (item, rater) pair, keeping the first.
        var start = [Int](repeating: 0, count: items.count + 1)
        var write = 0
        var repeats = 0
        for item in 0 ..< items.count {
            start[item] = write
            for read in counts[item] ..< counts[item + 1] {
                var seen = false
                for earlier in start[item] ..< write where raterSlots[earlier] == raterSlots[read] { seen = true; break }
                if seen { repeats += 1; continue }
                raterSlots[write] = raterSlots[read]
                labelSlots[write] = labelSlots[read]
                write += 1
            }
        }
        start[items.count] = write
        raterSlots.removeLast(raterSlots.count - write)
        labelSlots.removeLast(labelSlots.count - write)
        self.itemStart = start
        self.raterCodes = raterSlots
        self.labelCodes = labelSlots
        self.repeatsDropped = repeats
    }

    /// Number of ratings kept.
    public var ratingCount: Int { raterCodes.count }

    /// Number of ratings of item `item`.
    @inlinable public func ratingCount(ofItem item: Int) -> Int { itemStart[item + 1] - itemStart[item] }

    /// Whether every label has a number, so ordinal and interval figures make sense.
    public var isOrdered: Bool { labelValues != nil }

    /// Number of items with at least `minimum` ratings.
    public func itemCount(withAtLeast minimum: Int) -> Int {
        var count = 0
        for item in 0 ..< items.count where ratingCount(ofItem: item) >= minimum { count += 1 }
        return count
    }

    /// Number of distinct raters among the ratings of items with at least `minimum` ratings.
    public func raterCount(inItemsWithAtLeast minimum: Int) -> Int {
        var seen = [Bool](repeating: false, count: raters.count)
        var count = 0
        for item in 0 ..< items.count where ratingCount(ofItem: item) >= minimum {
            for slot in itemStart[item] ..< itemStart[item + 1] where !seen[Int(raterCodes[slot])] {
                seen[Int(raterCodes[slot])] = true
                count += 1
            }
        }
        return count
    }

    /// The same ratings with labels merged or renamed: label `c` becomes `newLabels[map[c]]` (used for one-vs-rest figures).
    public func recoded(labels newLabels: [String], values: [Double]? = nil, map: [Int32]) -> RatingsTable {
        var copy = self
        copy.labels = newLabels
        copy.labelValues = values
        copy.labelCodes = labelCodes.map { map[Int($0)] }
        return copy
    }

    /// A table of the given items (repeats allowed), for bootstrap resampling; item names are kept.
    public func resampled(items chosen: [Int]) -> RatingsTable {
        var copy = self
        var start = [Int](repeating: 0, count: chosen.count + 1)
        var raterSlots: [Int32] = []
        var labelSlots: [Int32] = []
        raterSlots.reserveCapacity(ratingCount)
        labelSlots.reserveCapacity(ratingCount)
        for (position, item) in chosen.enumerated() {
            start[position] = raterSlots.count
            raterSlots.append(contentsOf: raterCodes[itemStart[item] ..< itemStart[item + 1]])
            labelSlots.append(contentsOf: labelCodes[itemStart[item] ..< itemStart[item + 1]])
        }
        start[chosen.count] = raterSlots.count
        copy.items = chosen.map { items[$0] }
        copy.itemStart = start
        copy.raterCodes = raterSlots
        copy.labelCodes = labelSlots
        return copy
    }

    /// The ratings of the given raters only.
    public func restricted(toRaters kept: Set<String>) -> RatingsTable {
        let keep = raters.map { kept.contains($0) }
        var coded: [(item: Int32, rater: Int32, label: Int32)] = []
        for item in 0 ..< items.count {
            for slot in itemStart[item] ..< itemStart[item + 1] where keep[Int(raterCodes[slot])] {
                coded.append((Int32(item), raterCodes[slot], labelCodes[slot]))
            }
        }
        return RatingsTable(items: items, raters: raters, labels: labels, labelValues: labelValues, codedRatings: coded)
    }

    static func naturalOrder(of names: [String], values: [String: Double]?) -> [Int] {
        let indices = Array(0 ..< names.count)
        if let values, names.allSatisfy({ values[$0] != nil }) {
            return indices.sorted { (values[names[$0]]!, names[$0]) < (values[names[$1]]!, names[$1]) }
        }
        let numbers = names.map { Double($0) }
        if numbers.allSatisfy({ $0 != nil }) {
            return indices.sorted { numbers[$0]! < numbers[$1]! }
        }
        return indices.sorted { names[$0] < names[$1] }
    }

    static func valueList(_ labels: [String], _ map: [String: Double]) -> [Double]? {
        var list: [Double] = []
        for label in labels {
            guard let value = map[label] else { return nil }
            list.append(value)
        }
        return list
    }

    /// How many items have each number of ratings (`[ratings: items]`).
    public func itemsByRatingCount() -> [Int: Int] {
        // Counted in an array first: one dictionary update per distinct count, not per item.
        var counts: [Int] = []
        for item in 0 ..< items.count {
            let m = ratingCount(ofItem: item)
            if m >= counts.count { counts += [Int](repeating: 0, count: m + 1 - counts.count) }
            counts[m] += 1
        }
        var histogram: [Int: Int] = [:]
        for (m, count) in counts.enumerated() where count > 0 { histogram[m] = count }
        return histogram
    }
}
