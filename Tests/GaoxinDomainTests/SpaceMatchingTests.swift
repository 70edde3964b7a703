import GaoxinDomain
import XCTest

/// 智能匹配 (issue 15): hard constraints filter, soft ones score with their weights shown, and each
/// score's reasons add up to it; floor loads typed in t/m² or kg/m² are caught with the figure meant.
final class SpaceMatchingTests: XCTestCase {
    let today = CalendarDay("2026-09-21")!

    func offer(_ id: Int, kind: SpaceKind = .factory, area: Int64, load: Int64? = 300, height: Int64? = 90, power: Int64? = 2000,
               rent: Int64? = 3500, price: Int64? = nil, from: String? = nil, industries: [String] = ["3973"], level: ParkLevel = .provincial) -> SpaceMatching.Offer {
        SpaceMatching.Offer(id: id, kind: kind, area: area, floorLoadTenths: load, clearHeightTenths: height, powerKVA: power, rentCents: rent,
                            salePriceWan: price, availableFrom: from.flatMap(CalendarDay.init), parkIndustries: industries, parkLevel: level)
    }

    func testHardConstraintsFilterEachOnItsOwn() {
        let need = SpaceMatching.Need(kind: .factory, areaMin: 4000, areaMax: 8000, floorLoadTenths: 250, clearHeightTenths: 80, powerKVA: 1500,
                                      neededBy: CalendarDay("2027-03-31"))
        XCTAssertNil(SpaceMatching.hardFailure(need, offer(1, area: 5000)))
        XCTAssertEqual(SpaceMatching.hardFailure(need, offer(2, kind: .floor, area: 5000)), "类型不符")
        XCTAssertEqual(SpaceMatching.hardFailure(need, offer(3, area: 3999)), "面积小于需求")
        XCTAssertEqual(SpaceMatching.hardFailure(need, offer(4, area: 8001)), "面积大于需求")
        XCTAssertEqual(SpaceMatching.hardFailure(need, offer(5, area: 5000, load: 200)), "楼面荷载不足")
        XCTAssertEqual(SpaceMatching.hardFailure(need, offer(6, area: 5000, load: nil)), "楼面荷载不足", "an unstated load does not meet a stated need")
        XCTAssertEqual(SpaceMatching.hardFailure(need, offer(7, area: 5000, height: 60)), "净高不足")
        XCTAssertEqual(SpaceMatching.hardFailure(need, offer(8, area: 5000, power: 1000)), "供电容量不足")
        XCTAssertEqual(SpaceMatching.hardFailure(need, offer(9, area: 5000, from: "2027-04-01")), "晚于需求日期才可交付")
        // Land has no floor or ceiling: a land need with a load asks nothing of them.
        let land = SpaceMatching.Need(kind: .land, areaMin: 30000, floorLoadTenths: 250)
        XCTAssertNil(SpaceMatching.hardFailure(land, offer(10, kind: .land, area: 40000, load: nil, height: nil)))
    }

    func testTheScoreIsTheReasonsOverTheWeightsOfTheCriteriaTheNeedStates() throws {
        let need = SpaceMatching.Need(kind: .factory, areaMin: 4000, areaMax: 8000, industry: "3973", maxRentCents: 4000)
        XCTAssertEqual(SpaceMatching.criteria(for: need), [.industry, .budget, .area, .timing, .parkLevel])
        XCTAssertEqual(SpaceMatching.criteria(for: SpaceMatching.Need(kind: .floor, areaMin: 100)), [.area, .timing, .parkLevel],
                       "no industry, no budget: those criteria are left out, not scored zero")
        // Same class, within budget, at the middle of the range, free now, provincial park: 30 + 25 + 20 + 15 + 7 = 97.
        let best = SpaceMatching.score(need, offer(1, area: 6000), today: today)
        XCTAssertEqual(best.score, 97)
        XCTAssertEqual(best.reasons.map(\.earned), [30, 25, 20, 15, 7])
        XCTAssertEqual(best.reasons.map(\.weight), [30, 25, 20, 15, 10])
        XCTAssertTrue(best.reasons[0].textZh.contains("同一小类"), best.reasons[0].textZh)
        XCTAssertTrue(best.reasons[0].textZh.contains("集成电路制造"), "names the industry")
        // Same group only (397x), 10% over budget, 4800 m² (20% off), free in 30 of 180 days, municipal.
        let other = SpaceMatching.score(need, offer(2, area: 4800, rent: 4400, from: "2026-10-21", industries: ["3972"], level: .municipal), today: today)
        XCTAssertEqual(other.reasons.map(\.earned), [24, 20, 16, 12.5, 4])
        XCTAssertEqual(other.score, (76.5 / 100 * 1000).rounded() / 10)
        XCTAssertTrue(other.reasons[1].textZh.contains("租金 44"), other.reasons[1].textZh)
        XCTAssertTrue(other.reasons[3].textZh.contains("需等待 30 天"), other.reasons[3].textZh)
        // The ranking: passes the hard constraints first, then best score first.
        let ranked = SpaceMatching.rank(need, [offer(2, area: 4800, rent: 4400, from: "2026-10-21", industries: ["3972"], level: .municipal),
                                               offer(1, area: 6000), offer(3, area: 9000)], today: today)
        XCTAssertEqual(ranked.map(\.offer.id), [1, 2])
    }

    func testABudgetTakesTheBetterOfRentAndSaleAndAMissingPriceEarnsNothing() {
        let need = SpaceMatching.Need(kind: .land, areaMin: 30000, maxRentCents: nil, maxPriceWan: 15000)
        let priced = SpaceMatching.score(need, offer(1, kind: .land, area: 30000, load: nil, height: nil, rent: nil, price: 22500), today: today)
        XCTAssertEqual(priced.reasons.first { $0.criterion == .budget }?.earned, 0, "50% over budget earns nothing")
        let unpriced = SpaceMatching.score(need, offer(2, kind: .land, area: 30000, load: nil, height: nil, rent: nil, price: nil), today: today)
        XCTAssertEqual(unpriced.reasons.first { $0.criterion == .budget }?.textZh, "未标售价")
    }

    func testFloorLoadsInTheWrongUnitNameTheFigureMeant() throws {
        XCTAssertNil(FloorLoad.problem(tenths: 250))
        let tonnes = try XCTUnwrap(FloorLoad.problem(tenths: 8))
        XCTAssertTrue(tonnes.messageZh.contains("0.8 像是 t/m²") && tonnes.messageZh.contains("应填 7.8"), tonnes.messageZh)
        let kilograms = try XCTUnwrap(FloorLoad.problem(tenths: 15000))
        XCTAssertTrue(kilograms.messageZh.contains("1500 像是 kg/m²") && kilograms.messageZh.contains("应填 14.7"), kilograms.messageZh)
        XCTAssertNotNil(FloorLoad.problem(tenths: 0))
        XCTAssertEqual(LandArea.muHundredths(squareMetres: 53360), 8004, "53,360 m² is 80.04 亩")
    }

    func testDaysAreCountedAndAddedAcrossMonthsAndLeapYears() {
        XCTAssertEqual(CalendarDay("2026-09-21")!.adding(days: 30).description, "2026-10-21")
        XCTAssertEqual(CalendarDay("2028-02-28")!.adding(days: 1).description, "2028-02-29")
        XCTAssertEqual(CalendarDay("2026-12-31")!.adding(days: 1).description, "2027-01-01")
        XCTAssertEqual(CalendarDay("1970-01-01")!.dayNumber, 0)
        XCTAssertEqual(CalendarDay("2026-01-01")!.days(to: CalendarDay("2027-01-01")!), 365)
    }
}

/// 认定标准 (issue 15): a criterion met earns its weight, short of it the share reached; a park passes
/// at the pass mark with every required criterion met, and each contribution is reported.
final class ParkRecognitionTests: XCTestCase {
    let criteria = [
        ParkRecognition.Criterion(name: "主导产业营收占比", statistic: "leadIndustryShare", statisticZh: "%", threshold: 60, weight: 30, required: true),
        ParkRecognition.Criterion(name: "年营业收入", statistic: "revenue", statisticZh: "万元", threshold: 1_500_000, weight: 25, required: false),
        ParkRecognition.Criterion(name: "高新技术企业", statistic: "highTechEnterprises", statisticZh: "家", threshold: 30, weight: 20, required: false),
        ParkRecognition.Criterion(name: "载体使用率", statistic: "occupancyRate", statisticZh: "%", threshold: 80, weight: 25, required: false),
    ]

    func testContributionsAddUpToTheScoreAndRequiredCriteriaDecide() {
        let strong = ParkRecognition.evaluate(criteria, statistics: ["leadIndustryShare": 78, "revenue": 4_200_000, "highTechEnterprises": 64, "occupancyRate": 90],
                                              passMark: 70)
        XCTAssertEqual(strong.score, 100)
        XCTAssertTrue(strong.passed)
        // Revenue at 60% of its threshold earns 15 of 25; occupancy missing earns nothing.
        let partial = ParkRecognition.evaluate(criteria, statistics: ["leadIndustryShare": 61, "revenue": 900_000, "highTechEnterprises": 30], passMark: 70)
        XCTAssertEqual(partial.contributions.map(\.earned), [30, 15, 20, 0])
        XCTAssertEqual(partial.score, 65)
        XCTAssertFalse(partial.passed)
        XCTAssertNil(partial.contributions[3].value)
        // Above the mark but a required criterion short: fails, and says which.
        let unfocused = ParkRecognition.evaluate(criteria, statistics: ["leadIndustryShare": 55, "revenue": 3_000_000, "highTechEnterprises": 40, "occupancyRate": 95],
                                                 passMark: 70)
        XCTAssertEqual(unfocused.score, 97.5)
        XCTAssertFalse(unfocused.passed)
        XCTAssertEqual(unfocused.failedRequired, ["主导产业营收占比"])
        XCTAssertFalse(ParkRecognition.evaluate([], statistics: [:], passMark: 0).passed, "no criteria, no recognition")
    }
}
