import Fluent
import Foundation
import GaoxinComplexity
import GaoxinDomain
import SQLKit
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The demo data a new user sees first must itself pass the product's rules, and the zone's
/// own figures must be enough to compute a ranking.
final class DemoDataTests: XCTestCase {
    func withDemo(_ test: (Application) async throws -> Void) async throws {
        try await withDemoApp(test)
    }

    /// Every declared register's demo rows load through the import's checks (a bad row would
    /// stop the seeding), with their references resolved and an audit row each.
    func testEveryRegistersDemoRowsAreLoadedWithTheirReferences() async throws {
        try await withDemo { app in
            for declaration in Registers.all {
                try await AssertAsync.equal(try await Stored.count(app, declaration.table), declaration.demoRows.count, declaration.key)
                try await AssertAsync.equal(try await Stored.count(app, "audit_log", where: "entity = '\(declaration.entity)'"), declaration.demoRows.count)
            }
            let linked = try await Stored.count(app, "register_links", where: "register = 'policies' AND field = 'clusterIds'")
            XCTAssertGreaterThan(linked, 5, "policies are linked to the clusters their demo rows name")
        }
    }

    func testDemoEnterprisesPassTheRegisterRulesAndCoverEveryBoard() async throws {
        try await withDemo { app in
            let enterprises = try await Enterprise.query(on: app.db).all()
            XCTAssertGreaterThan(enterprises.count, 50)
            // Each demo enterprise's fields through the register's own field rules (its unit is checked by the foreign keys).
            for enterprise in enterprises {
                var input = RegisterInput(source: .file)
                input.texts = ["creditCode": enterprise.creditCode, "name": enterprise.name, "industryCode": enterprise.industryCode,
                               "aboveScale": enterprise.aboveScale ? "是" : "否", "tier": enterprise.tier ?? ""]
                var v = FieldValidator()
                for field in RegisterDeclaration.enterprises.inputFields where input.has(field.key) {
                    let value = RegisterChecker.read(field, input, references: RegisterReferences(), actor: RegisterSystemWrite.system, ownership: .officeOnly, into: &v)
                    if field.required { XCTAssertNotNil(value, "\(enterprise.name): \(field.key)") }
                }
                XCTAssertEqual(v.errors, [], "\(enterprise.name) \(enterprise.creditCode)")
            }
            XCTAssertEqual(Set(enterprises.map(\.creditCode)).count, enterprises.count, "credit codes are unique")
            let boards = try await OrgUnit.query(on: app.db).filter(\.$kind == UnitKind.board.rawValue).all()
            XCTAssertEqual(boards.count, 8)
            for board in boards {
                XCTAssertTrue(enterprises.contains { $0.unitID == board.id }, "\(board.name) has enterprises")
            }
            let months = try await EnterpriseIndicator.query(on: app.db).count()
            XCTAssertEqual(months, enterprises.count * 12 * DemoEnterpriseData.years.count, "three years of months, so growth works on every page")
            let audited = try await Stored.count(app, "(SELECT DISTINCT entity_id FROM audit_log WHERE entity = 'enterprise') AS audited")
            XCTAssertEqual(audited, enterprises.count, "every demo enterprise is audited (the chain leader twice: loaded, then decided)")
        }
    }

    func testTheDemoZoneFiguresGiveARankingForTheHighTechZonesBoard() async throws {
        try await withDemo { app in
            let sums = try await ZoneMatrix.sums(.init(fromYear: 2025, toYear: 2025, level: 4, aboveScaleOnly: false), on: app.db as! any SQLDatabase)
            let locations = try await ZoneMatrix.locations(on: app.db)
            let outcome = ZoneMatrix.aggregate(sums, location: { locations[$0] }, level: 4)
            XCTAssertEqual(Set(outcome.observations.map(\.loc)).count, 8, "one location per board")
            XCTAssertEqual(outcome.partialYears, [:], "the demo has all twelve months")
            var builder = ComplexityTableBuilder(policy: .strict)
            for (index, o) in outcome.observations.enumerated() {
                try builder.append(year: o.year, location: o.loc, product: o.prod, value: o.val, line: index + 1)
            }
            let table = try builder.build()
            let result = try EconomicComplexity.computeYear(try XCTUnwrap(table.years.first))
            let ranking = try TargetRecommendation.rank(result, location: "新吴", weights: .balanced)
            XCTAssertFalse(ranking.items.isEmpty, "新吴 has industries to attract")
            // Recommended: industries where 新吴 has no comparative advantage yet (RCA < 1).
            XCTAssertTrue(ranking.items.allSatisfy { $0.rca < 1 }, "\(ranking.items.map { ($0.product, $0.rca) })")
            XCTAssertFalse(ranking.items.contains { $0.product == "3973" }, "集成电路 is 新吴's strength, not a target")

            // The demo carries that matrix as a dataset, and against the chip chain its ranking
            // marks industries that would fill the chain's missing nodes.
            let zoneDataset = try await ComplexityDataset.query(on: app.db).filter(\.$source == "zone").first()
            let dataset = try XCTUnwrap(zoneDataset)
            XCTAssertEqual(dataset.rowCount, outcome.observations.count)
            let chipChain = try await Chain.query(on: app.db).filter(\.$name == "集成电路产业链").first()
            let chain = try XCTUnwrap(chipChain)
            let office = try await User.query(on: app.db).filter(\.$username == "office").first()
            let api = try await APIClient.forUser(try XCTUnwrap(office?.id), app: app)
            let marked = try await api.send(.GET, "/api/v1/analytics/complexity/datasets/\(dataset.id!)/recommendations?location=%E6%96%B0%E5%90%B4&chain=\(chain.id!)")
            XCTAssertEqual(marked.status, .ok, marked.text)
            let gaps = try XCTUnwrap(try api.json(marked)["chainGaps"] as? [[String: Any]])
            XCTAssertTrue(gaps.contains { !(($0["candidates"] as? [String]) ?? []).isEmpty }, "some missing or weak node has a recommended industry: \(gaps)")
        }
    }
}


/// The demo's cluster programme (issue 12 item 8): three years of figures, the "465" structure
/// whose August totals read as seed 001 reports them, bottom-up and top-down clusters with targets.
extension DemoDataTests {
    func testThe465StructureAndTheZoneClustersHaveFiguresWorthLookingAt() async throws {
        try await withDemo { app in
            let structure = try await ClusterStructure.query(on: app.db).filter(\.$name == "“465”现代产业集群").first()
            let totals = try await ClusterStructureTotals.make(try XCTUnwrap(structure), month: Period(year: 2025, month: 8), now: app.clock.now(), on: app.db)
            XCTAssertEqual(totals.groups.map(\.clusters.count), [4, 6, 5], "4 + 6 + 5")
            XCTAssertEqual(totals.total.overThousand, 9, "nine clusters over 1000 亿元 in 1–8月, as seed 001 reports")
            XCTAssertEqual(totals.groups.flatMap(\.clusters).filter { ($0.growth ?? 0) > 0 }.count, 15, "every cluster has a year-on-year base")
            // By hand from the demo's reported figures: 1–8月 is 630‰ of each 2025 revenue (70+60+85+80+85+90+80+80),
            // 亿元 × 10,000 = 万元; 地标 2150+2100+2010+560, 优势 3050+3120+2050+1600+1590+2020, 未来 190+110+70+8+30.
            XCTAssertEqual(totals.groups.map(\.total.yearToDate), [6_820 * 6_300, 13_430 * 6_300, 408 * 6_300])
            XCTAssertEqual(totals.total.yearToDate, 20_658 * 6_300)
            let year = try await ClusterStructureTotals.make(try XCTUnwrap(structure), month: Period(year: 2025, month: 12), now: app.clock.now(), on: app.db)
            XCTAssertEqual(year.total.yearToDate, 20_658 * 10_000, "the whole year: every cluster's 2025 revenue")
            XCTAssertEqual([year.total.overThousand, year.total.overTwoThousand, year.total.overThreeThousand], [9, 7, 2],
                           "seed 001: nine over 1000 亿元, seven over 2000, 新材料 and 高端装备 over 3000")
            let chip = try await Cluster.query(on: app.db).filter(\.$name == "集成电路").first()
            let report = try await ClusterFigureReport.make(try XCTUnwrap(chip), month: nil, now: app.clock.now(), lang: .zh, on: app.db)
            XCTAssertEqual(report.source, "bottom_up")
            XCTAssertEqual(report.period, "2025-12", "the latest month its enterprises reported")
            XCTAssertNotNil(report.growth)
            XCTAssertNotNil(report.progress, "its target is set from last year's sum")
            let health = try await Cluster.query(on: app.db).filter(\.$name == "生命健康").first()
            let reported = try await ClusterFigureReport.make(try XCTUnwrap(health), month: nil, now: app.clock.now(), lang: .zh, on: app.db)
            XCTAssertEqual(reported.source, "top_down")
            XCTAssertEqual(reported.yearToDate, 660_000, "66 亿元 over the twelve months of 2025")
            let checklist = try await ChecklistBoard.states([chip!.id!], templates: try await ChecklistBoard.templates(on: app.db), lang: .zh, on: app.db)[chip!.id!]
            let eight = try XCTUnwrap(checklist?.first { $0.name == "八个一" })
            XCTAssertEqual(eight.items.filter { $0.status == "done" }.map(\.name), ["一个规划", "一个政策", "一个园区", "一个基金", "一个领军企业", "一个平台", "一个团队", "一个专班"],
                           "fulfilled by the registers' demo rows (the 集成电路特色产业园 among them), the chain-leader decision and the named team")
            let park = try XCTUnwrap(eight.items.first { $0.name == "一个园区" })
            XCTAssertEqual(park.records.map(\.name), ["无锡高新区集成电路特色产业园"], "the park the demo links to the cluster")
        }
    }
    /// Issue 13, item 10: the demo's attraction work gives every page something real — each of the
    /// eight teams has leads at every stage, projects stand in every stage (some late, some with open
    /// obstacles), patrols span about a month, and the zone's 2025 target list is seed 002's.
    func testTheDemoAttractionWorkCoversEveryStageTeamAndWarning() async throws {
        try await withDemo { app in
            let sql = app.db as! any SQLDatabase
            for team in DemoAttraction.teams {
                let stages = try await sql.raw("""
                    SELECT DISTINCT l.stage FROM leads l JOIN units u ON u.id = l.owning_unit_id WHERE u.code = \(bind: team) AND l.active = \(bind: true)
                    """).all().map { try $0.decode(column: "stage", as: String.self) }
                XCTAssertEqual(Set(stages), Set(LeadStage.allCases.map(\.rawValue)), "\(team): a lead at every stage")
            }
            let projectStages = try await sql.raw("SELECT DISTINCT stage FROM projects WHERE active = \(bind: true)").all().map { try $0.decode(column: "stage", as: String.self) }
            XCTAssertEqual(Set(projectStages), Set(ProjectStage.allCases.map(\.rawValue)), "projects in every stage")
            let warnings = try await EarlyWarnings.load(today: DisplayFormat.day(app.clock.now()), on: sql)
            let kinds = Dictionary(uniqueKeysWithValues: warnings.kinds.map { ($0.key, $0) })
            XCTAssertGreaterThan(kinds["lateProjects"]?.red ?? 0, 0, "some projects are late")
            XCTAssertGreaterThan(kinds["overdueObstacles"]?.red ?? 0, 0, "some obstacles are overdue")
            let open = try await Stored.count(app, "obstacles", where: "status <> 'resolved'")
            XCTAssertGreaterThanOrEqual(open, 3, "open obstacles to work on")
            let days = try await sql.raw("SELECT MIN(patrolled_on) AS first, MAX(patrolled_on) AS last FROM patrols").first()
            let first = try XCTUnwrap(CalendarDay(try XCTUnwrap(days?.decode(column: "first", as: String.self))))
            let last = try XCTUnwrap(CalendarDay(try XCTUnwrap(days?.decode(column: "last", as: String.self))))
            XCTAssertGreaterThanOrEqual(first.days(to: last), 28, "a month of patrol findings")
            let zone = try XCTUnwrap(DemoAttraction.targets.first { $0["owningUnitId"] == "WXGX" })
            XCTAssertEqual([zone["over100Yi"], zone["over50Yi"], zone["over10Yi"], zone["over1Yi"], zone["signedInvestment"]], ["1", "3", "18", "180", "4500000"],
                           "seed 002: ≥100亿 1, ≥50亿 3, ≥10亿 18, ≥1亿 180, 450 亿元")
            try await AssertAsync.equal(try await Stored.count(app, "attraction_targets", where: "code = 'MB-2025-WXGX' AND over10_yi = 18"), 1)
        }
    }
}
