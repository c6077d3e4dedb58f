import DocketCore
import GRDB

/// A stored value Docket cannot read as what it wrote (a report count of 1e300, text where a number
/// belongs): only a hand edit or damage puts one there, so it is reported as a damaged database (exit 5),
/// never trapped on.
extension RowDecodingError: DocketErrorConvertible {
    public var docketError: DocketError {
        .corrupt("the database holds a value Docket did not write (\(self)); run 'docket status --full-check'")
    }
}
