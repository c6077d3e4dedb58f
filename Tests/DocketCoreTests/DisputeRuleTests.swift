import DocketCore
import Testing

/// When reviewers' votes make an item a dispute for a lead, and which disputes come first.
@Suite struct DisputeRuleTests {
    typealias Votes = DisputeRule.Votes

    @Test func votesAreCountedMostChosenFirst() {
        let votes = Votes(labels: ["normal", "hate", "hate", "offensive", "hate"])
        #expect(votes.counts.map(\.label) == ["hate", "normal", "offensive"])
        #expect(votes.counts.first?.count == 3)
        #expect(votes.total == 5)
        #expect(votes.topShare == 0.6)
        #expect(votes.hasStrictMajority)
        // Equal counts are ordered by label, so the list is the same on every run.
        #expect(Votes(labels: ["b", "a"]).counts.map(\.label) == ["a", "b"])
    }

    @Test func byDefaultAnyDisagreementIsADispute() {
        let rule = DisputeRule()
        #expect(rule.isDisputed(Votes(labels: ["hate", "normal"])))
        #expect(rule.isDisputed(Votes(labels: ["hate", "hate", "hate", "normal"])))
        #expect(!rule.isDisputed(Votes(labels: ["hate", "hate"])))
    }

    @Test func oneVoteOrNoneIsNeverADispute() {
        #expect(!DisputeRule().isDisputed(Votes(labels: ["hate"])))
        #expect(!DisputeRule().isDisputed(Votes(labels: [])))
        #expect(Votes(labels: []).topShare == 1)
    }

    @Test func theThresholdIsTheShareTheTopLabelNeeds() {
        let twoOfThree = Votes(labels: ["hate", "hate", "normal"])
        #expect(!DisputeRule(threshold: 0.6).isDisputed(twoOfThree))
        #expect(!DisputeRule(threshold: 2.0 / 3.0).isDisputed(twoOfThree))
        #expect(DisputeRule(threshold: 0.7).isDisputed(twoOfThree))
    }

    @Test func noStrictMajorityIsADisputeAtAnyThreshold() {
        let tie = Votes(labels: ["hate", "normal"])
        let split = Votes(labels: ["hate", "hate", "normal", "offensive"])
        for threshold in [0.0, 0.3, 0.5] {
            #expect(DisputeRule(threshold: threshold).isDisputed(tie))
            #expect(DisputeRule(threshold: threshold).isDisputed(split))
        }
    }

    @Test func mostDisagreementComesFirst() {
        let threeWay = (votes: Votes(labels: ["a", "b", "c"]), escalated: false)
        let tie = (votes: Votes(labels: ["a", "b"]), escalated: false)
        let bigTie = (votes: Votes(labels: ["a", "a", "b", "b"]), escalated: false)
        let twoOne = (votes: Votes(labels: ["a", "a", "b"]), escalated: false)
        let escalatedTie = (votes: Votes(labels: ["a", "b"]), escalated: true)
        #expect(DisputeRule.comesBefore(threeWay, tie))
        #expect(DisputeRule.comesBefore(tie, twoOne))
        #expect(!DisputeRule.comesBefore(twoOne, tie))
        #expect(DisputeRule.comesBefore(bigTie, tie))
        #expect(DisputeRule.comesBefore(escalatedTie, tie))
        #expect(!DisputeRule.comesBefore(tie, escalatedTie))
    }
}
