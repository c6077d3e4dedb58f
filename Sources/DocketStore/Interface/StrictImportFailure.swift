import Foundation
import DocketCore
import DocketIO

/// Raised by a strict import: nothing was stored.
public struct StrictImportFailure: Error, CustomStringConvertible {
    public var rejection: InputError
    public var description: String { "\(rejection) (strict import: nothing was stored)" }
}
