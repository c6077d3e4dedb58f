/// An error of a lower layer (a database backend) that knows which ``DocketError`` it amounts to, so that
/// commands and screens see Docket's own kinds and exit codes whichever backend failed.
public protocol DocketErrorConvertible: Error {
    /// The Docket error this failure amounts to, with the cause in its text.
    var docketError: DocketError { get }
}
