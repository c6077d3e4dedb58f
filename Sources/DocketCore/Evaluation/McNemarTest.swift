import Foundation

/// McNemar's test on two classifiers' decisions about the same items: only the items where exactly one of them
/// is right count, and under "equally good" each such item is a fair coin. The p-value is the exact two-sided
/// binomial one (statsmodels' `mcnemar(exact=True)`), right for small counts as for large.
public struct McNemarTest: Sendable, Equatable {
    /// Items the first classifier gets right and the second wrong.
    public var onlyFirstRight: Int
    /// Items the second classifier gets right and the first wrong.
    public var onlySecondRight: Int
    /// The two-sided exact p-value (1 when the classifiers never differ).
    public var pValue: Double

    /// The test on per-item correctness of the two classifiers (same items, same order).
    public init(firstRight: [Bool], secondRight: [Bool]) {
        var b = 0, c = 0
        for index in firstRight.indices where firstRight[index] != secondRight[index] {
            if firstRight[index] { b += 1 } else { c += 1 }
        }
        onlyFirstRight = b
        onlySecondRight = c
        pValue = McNemarTest.exactPValue(b, c)
    }

    /// min(1, 2 P(X <= min(b, c))) for X ~ Binomial(b + c, 1/2), summed in log space so large counts do not overflow.
    static func exactPValue(_ b: Int, _ c: Int) -> Double {
        let n = b + c
        guard n > 0 else { return 1 }
        let logHalf = Double(n) * log(0.5)
        var logChoose = 0.0  // log C(n, k), built up k by k
        var tail = 0.0
        for k in 0 ... min(b, c) {
            if k > 0 { logChoose += log(Double(n - k + 1)) - log(Double(k)) }
            tail += exp(logChoose + logHalf)
        }
        return min(1, 2 * tail)
    }
}
