/// The order of an item's stored lists (scores, explanations): sorted by key, one entry per key.
enum StoredListOrder {
    /// `list` sorted by key, keeping the last element given for each key. `compare` says whether `a`'s key
    /// sorts before `b`'s, or nil when the keys are equal.
    ///
    /// Stable: equal keys, then adjacent in input order, keep the last of each run. A handful of entries
    /// (the usual item) are insertion-sorted in place, which is cheapest for them; longer lists are merge
    /// sorted by (key, input position), O(n log n): an insertion sort took 6 minutes for 200,000 scores.
    static func sortedKeepingLast<Element>(_ list: [Element], compare: (Element, Element) -> Bool?) -> [Element] {
        if list.count < 2 { return list }
        var sorted: [Element]
        if list.count <= 16 {
            sorted = list
            for next in 1..<sorted.count {
                var index = next
                while index > 0, compare(sorted[index], sorted[index - 1]) == true {
                    sorted.swapAt(index, index - 1)
                    index -= 1
                }
            }
        } else {
            sorted = list.indices.sorted { a, b in
                switch compare(list[a], list[b]) {
                case .some(let before): return before
                case .none: return a < b
                }
            }.map { list[$0] }
        }
        var kept = 0
        for index in sorted.indices {
            if kept > 0, compare(sorted[kept - 1], sorted[index]) == nil {
                sorted[kept - 1] = sorted[index]
            } else {
                if kept != index { sorted[kept] = sorted[index] }
                kept += 1
            }
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }
}
