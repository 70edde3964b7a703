import GaoxinDomain
import XCTest

final class AttractionDomainTests: XCTestCase {
    func testOneStepForwardNeedsNothing() {
        XCTAssertNil(ProjectStageTransition.check(from: .signed, to: .registered, reason: "", isAdministrator: false))
        XCTAssertNil(ProjectStageTransition.check(from: .completed, to: .producing, reason: "", isAdministrator: false))
    }

    func testSkippingNeedsAReasonNamingWhatIsSkipped() {
        XCTAssertEqual(ProjectStageTransition.check(from: .signed, to: .started, reason: "  ", isAdministrator: true), .skipNeedsReason([.registered]))
        XCTAssertEqual(ProjectStageTransition.Refusal.skipNeedsReason([.registered, .started]).messageZh, "跳过注册落地、开工阶段须说明原因")
        XCTAssertNil(ProjectStageTransition.check(from: .signed, to: .started, reason: "已有注册主体", isAdministrator: false))
    }

    func testBackwardsOnlyByAnAdministratorWithAReason() {
        XCTAssertEqual(ProjectStageTransition.check(from: .started, to: .registered, reason: "误操作", isAdministrator: false), .backwardsNeedsAdministrator)
        XCTAssertEqual(ProjectStageTransition.check(from: .started, to: .registered, reason: "", isAdministrator: true), .backwardsNeedsReason)
        XCTAssertNil(ProjectStageTransition.check(from: .started, to: .registered, reason: "误操作", isAdministrator: true))
        XCTAssertEqual(ProjectStageTransition.check(from: .started, to: .started, reason: "x", isAdministrator: true), .same)
    }

    func testNextPlannedDayIsTheEarliestOfStagesNotReached() {
        let planned: [ProjectStage: String] = [.registered: "2025-03-01", .started: "2025-06-01", .producing: "2026-12-31"]
        XCTAssertEqual(ProjectStageTransition.nextPlannedDay(stage: .signed, planned: planned), "2025-03-01")
        XCTAssertEqual(ProjectStageTransition.nextPlannedDay(stage: .registered, planned: planned), "2025-06-01")
        XCTAssertEqual(ProjectStageTransition.nextPlannedDay(stage: .started, planned: planned), "2026-12-31")
        XCTAssertNil(ProjectStageTransition.nextPlannedDay(stage: .producing, planned: planned))
        XCTAssertEqual(ProjectStage.started.plannedKey, "plannedStartedOn")
        XCTAssertNil(ProjectStage.signed.plannedKey)
    }

    func testOneCompanyWrittenTwoWaysHasOneKey() {
        XCTAssertEqual(CompanyNameKey.of("无锡华润微电子有限公司"), "华润微电子")
        XCTAssertEqual(CompanyNameKey.of("华润微电子（无锡）有限公司"), "华润微电子")
        XCTAssertEqual(CompanyNameKey.of("华润微电子 (无锡) 有限公司"), "华润微电子")
        XCTAssertEqual(CompanyNameKey.of("江苏长电科技股份有限公司"), "长电科技")
        XCTAssertNotEqual(CompanyNameKey.of("长电科技"), CompanyNameKey.of("长电微电子"))
        XCTAssertEqual(CompanyNameKey.of("黑龙江省北大荒农业股份有限公司"), "北大荒农业", "the longest place first")
        XCTAssertEqual(CompanyNameKey.of("无锡市新区科技有限公司"), "新区科技")
        XCTAssertEqual(CompanyNameKey.of("无锡科"), "无锡科", "a place is kept where too little would remain")
        // A name that is only a place and a legal form keeps what it has rather than becoming empty.
        XCTAssertFalse(CompanyNameKey.of("无锡有限公司").isEmpty)
        XCTAssertEqual(CompanyNameKey.of("Tokyo Precision Co., Ltd."), CompanyNameKey.of("TOKYO PRECISION CO.,LTD"))
    }

    func testInvestmentClassesAreCumulative() {
        XCTAssertEqual(InvestmentClass.classes(of: 1_200_000), [.over100Yi, .over50Yi, .over10Yi, .over1Yi])
        XCTAssertEqual(InvestmentClass.classes(of: 500_000), [.over50Yi, .over10Yi, .over1Yi])
        XCTAssertEqual(InvestmentClass.classes(of: 99_999), [.over1Yi])
        XCTAssertEqual(InvestmentClass.classes(of: 9_999), [])
    }

    func testPaceIsJudgedAgainstTheShareOfTheYearGone() {
        XCTAssertEqual(TargetPace.of(actual: 50, target: 100, elapsed: 0.5), .green)
        XCTAssertEqual(TargetPace.of(actual: 40, target: 100, elapsed: 0.5), .yellow)
        XCTAssertEqual(TargetPace.of(actual: 39, target: 100, elapsed: 0.5), .red)
        XCTAssertEqual(TargetPace.of(actual: 0, target: 0, elapsed: 0.9), .green)
    }

    func testInvestmentCompletionDerivesTotalRateAndMonthsDueAndNeverTraps() {
        let year = InvestmentCompletion(planned: 12_000, months: [1_000, 1_000, 0, 1_000, nil, nil, nil, nil, nil, nil, nil, nil])
        XCTAssertEqual(year.completed, 3_000)
        XCTAssertEqual(year.reportedThrough, 4, "a reported zero counts as reported")
        XCTAssertEqual(year.percent, 25)
        XCTAssertEqual(InvestmentCompletion(planned: 3, months: [2]).percent, 67, "rounded half up")
        XCTAssertNil(InvestmentCompletion(planned: 0, months: [5]).percent, "no plan, no rate")
        XCTAssertNil(InvestmentCompletion(planned: 100, months: Array(repeating: nil, count: 12)).reportedThrough)
        XCTAssertEqual(InvestmentCompletion.firstGap([1, nil, 3]), 1)
        XCTAssertNil(InvestmentCompletion.firstGap([1, 2, nil, nil]))
        XCTAssertEqual(InvestmentCompletion.monthsDue(year: 2026, today: "2026-09-21"), 8, "a month counts once it has ended")
        XCTAssertEqual(InvestmentCompletion.monthsDue(year: 2026, today: "2026-01-15"), 0)
        XCTAssertEqual(InvestmentCompletion.monthsDue(year: 2025, today: "2026-01-15"), 12)
        XCTAssertEqual(InvestmentCompletion.monthsDue(year: 2027, today: "2026-12-31"), 0)
        XCTAssertEqual(year.pace(monthsDue: 4), .red, "3,000 against 4,000 due: below 80 %")
        // Amounts beyond any real figure saturate rather than trap (the API bounds them first).
        let huge = InvestmentCompletion(planned: Int64.max - 1, months: [Int64.max, Int64.max])
        XCTAssertEqual(huge.completed, Int64.max)
        XCTAssertEqual(huge.percent, 100)
    }
}
