import DocketCore
import Foundation

/// The reference figures (computed by krippendorff, statsmodels, scikit-learn, irrCAC, crowd-kit), read from
/// the copy in Tests/Fixtures so tests never read outside the repository.
enum AgreementReference {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let root: JSONValue = {
        let data = try! Data(contentsOf: fixtures.appendingPathComponent("reference-values.json"))
        return try! JSONParser.parse([UInt8](data))
    }()

    /// The value at a path of keys.
    static func value(_ path: String...) -> JSONValue {
        var node = root
        for key in path { node = node[key]! }
        return node
    }

    static func number(_ path: String...) -> Double {
        var node = root
        for key in path { node = node[key]! }
        return node.doubleValue!
    }

    /// An observers x units matrix (null = missing) as ratings with numeric labels.
    static func ratings(observersByUnits matrix: JSONValue) -> [Rating] {
        var ratings: [Rating] = []
        for (observer, row) in matrix.arrayValue!.enumerated() {
            for (unit, cell) in row.arrayValue!.enumerated() where !cell.isNull {
                ratings.append(Rating(item: "u\(unit)", rater: "o\(observer)", label: cell.doubleValue!.formatted()))
            }
        }
        return ratings
    }

    /// A table whose labels are numbers standing for themselves.
    static func numericTable(_ ratings: [Rating]) -> RatingsTable {
        let values = Dictionary(ratings.map { ($0.label, Double($0.label)!) }, uniquingKeysWith: { a, _ in a })
        return RatingsTable(ratings: ratings, values: values)
    }
}

extension Double {
    /// Whole numbers without a decimal point ("3", not "3.0"), as labels are written.
    func formatted() -> String { self == rounded() ? String(Int(self)) : String(self) }
}
