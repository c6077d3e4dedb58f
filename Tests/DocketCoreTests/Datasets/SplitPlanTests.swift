import DocketCore
import Testing

@Suite struct SplitPlanTests {
    @Test func parsesNamedSharesInOrder() throws {
        let plan = try SplitPlan.parse("train=0.8,validation=0.1,test=0.1")
        #expect(plan.names == ["train", "validation", "test"])
        #expect(plan.shares.map(\.fraction) == [0.8, 0.1, 0.1])
        #expect(plan.description == "train=0.8,validation=0.1,test=0.1")
        #expect(try SplitPlan.parse(" train = 70% , test = 30% ").shares.map(\.fraction) == [0.7, 0.3])
        #expect(try SplitPlan.parse("all=1").names == ["all"])
    }

    @Test(arguments: [
        ("", "is empty"),
        ("train=0.8,test=0.1", "sum to 0.9"),
        ("train=0.5,train=0.5", "named twice"),
        ("train=abc,test=1", "not a number"),
        ("train=-0.2,test=1.2", "above 0"),
        ("train=0.8,,test=0.2", "not name=fraction"),
        ("train:0.8", "not name=fraction"),
        ("../x=1", "not a valid split name"),
        ("train=0,test=1", "above 0"),
    ])
    func refusesBadSpecsWithAReason(spec: String, reason: String) {
        #expect {
            try SplitPlan.parse(spec)
        } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.field == "--split" && error.description.contains(reason)
        }
    }
}
