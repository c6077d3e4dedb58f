/// Krippendorff's coincidence matrix: how often each pair of labels is found together within an item,
/// each item weighted by 1 / (ratings - 1). Items with fewer than two ratings hold no pairable values.
public struct CoincidenceMatrix: Sendable {
    /// Number of labels (the matrix is `size` x `size`, row-major in `cells`).
    public let size: Int
    /// The coincidences, row-major.
    public private(set) var cells: [Double]
    /// Items with at least two ratings.
    public private(set) var pairableItems: Int
    /// Ratings in those items (Krippendorff's n).
    public private(set) var pairableRatings: Int
    /// Raters with at least one pairable rating.
    public private(set) var pairableRaters: Int

    /// Accumulates the matrix from a ratings table in one pass over integer codes (no dictionaries).
    public init(_ table: RatingsTable) {
        let size = table.labels.count
        self.size = size
        var cells = [Double](repeating: 0, count: size * size)
        var counts = [Int](repeating: 0, count: size)
        var present = [Int](repeating: 0, count: size)
        var items = 0
        var ratings = 0
        var raterSeen = [Bool](repeating: false, count: table.raters.count)
        var raters = 0
        table.itemStart.withUnsafeBufferPointer { start in
            table.labelCodes.withUnsafeBufferPointer { codes in
                table.raterCodes.withUnsafeBufferPointer { raterCodes in
                    cells.withUnsafeMutableBufferPointer { o in
                        counts.withUnsafeMutableBufferPointer { n in
                            present.withUnsafeMutableBufferPointer { distinct in
                                for item in 0 ..< (start.count - 1) {
                                    let lower = start[item], upper = start[item + 1]
                                    let m = upper - lower
                                    if m < 2 { continue }
                                    items += 1
                                    ratings += m
                                    var distinctCount = 0
                                    for slot in lower ..< upper {
                                        let code = Int(codes[slot])
                                        if n[code] == 0 { distinct[distinctCount] = code; distinctCount += 1 }
                                        n[code] += 1
                                        let rater = Int(raterCodes[slot])
                                        if !raterSeen[rater] { raterSeen[rater] = true; raters += 1 }
                                    }
                                    let weight = 1.0 / Double(m - 1)
                                    for a in 0 ..< distinctCount {
                                        let c = distinct[a]
                                        let nc = Double(n[c])
                                        for b in 0 ..< distinctCount {
                                            let k = distinct[b]
                                            let pairs = c == k ? nc * (nc - 1) : nc * Double(n[k])
                                            o[c * size + k] += pairs * weight
                                        }
                                    }
                                    for a in 0 ..< distinctCount { n[distinct[a]] = 0 }
                                }
                            }
                        }
                    }
                }
            }
        }
        self.cells = cells
        self.pairableItems = items
        self.pairableRatings = ratings
        self.pairableRaters = raters
    }

    /// A matrix summed elsewhere (a bootstrap resample's); `pairableRaters` is left 0.
    init(size: Int, cells: [Double], pairableItems: Int, pairableRatings: Int) {
        self.size = size
        self.cells = cells
        self.pairableItems = pairableItems
        self.pairableRatings = pairableRatings
        self.pairableRaters = 0
    }

    /// The coincidences of labels `c` and `k`.
    public subscript(c: Int, k: Int) -> Double { cells[c * size + k] }

    /// Pairable ratings per label (the matrix's row sums, Krippendorff's n_c).
    public var marginals: [Double] {
        (0 ..< size).map { c in (0 ..< size).reduce(0.0) { $0 + cells[c * size + $1] } }
    }
}
