/// The order of an item's stored lists (scores, explanations): sorted by key, one entry per key.
enum StoredListOrder {
    /// `list` sorted by key, keeping the last element given for each key. `compare` says whether `a`'s key
    /// sorts before `b`'s, or nil when the keys are equal.
    ///
    /// An insertion sort (stable, and in place: an item has a handful of scores, and this runs for every
    /// imported record); equal keys, then adjacent in input order, keep the last of each run.
    static func sortedKeepingLast<Element>(_ list: [Element], compare: (Element, Element) -> Bool?) -> [Element] {
        if list.count < 2 { return list }
        var sorted = list
        for next in 1..<sorted.count {
            var index = next
            while index > 0, compare(sorted[index], sorted[index - 1]) == true {
                sorted.swapAt(index, index - 1)
                index -= 1
            }
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
