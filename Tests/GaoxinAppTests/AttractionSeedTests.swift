import Fluent
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import XCTest

/// `seed-demo --scale attraction` at a small size: leads, activities, projects, obstacles and
/// target lists over the province's boards, consistent with the registers' own rules (a stage's
/// day only once reached, the next planned milestone derived), searchable, and answering the
/// board, the progress and the warnings.
final class AttractionSeedTests: XCTestCase {
    func testProvinceAttractionWorkIsGeneratedOverTheBoardsAndKeepsTheRegistersRules() async throws {
        try await withApp { app, fixtures in
            _ = try await ProvinceSeeder.seed(app, options: .init(enterprises: 3_000, months: 1, lastMonth: Period(year: 2025, month: 1)!, clusters: 40)) { _ in }
            try await RegisterDemo.insert(.leadSources, on: app.db, now: app.clock.now())
            let summary = try await AttractionSeeder.seed(app, options: .init(leads: 2_500, projects: 1_200, obstacles: 300, today: "2026-09-21")) { _ in }
            let sql = app.db as! any SQLDatabase
            func count(_ table: String) async throws -> Int { try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decodingColumn: "n", as: Int.self) ?? 0 }
            try await AssertAsync.equal(try await count("leads"), 2_500)
            try await AssertAsync.equal(try await count("lead_activities"), summary.activities)
            try await AssertAsync.equal(try await count("projects"), 1_200)
            try await AssertAsync.equal(try await count("obstacles"), 300)
            let boards = try await sql.raw("SELECT COUNT(*) AS n FROM units WHERE kind = 'board' AND code LIKE 'P-%'").first(decodingColumn: "n", as: Int.self) ?? 0
            XCTAssertEqual(summary.targets, boards * 2)

            // Every project keeps the register's rules: reached days only up to its stage, the milestone derived.
            let ids = try await sql.raw("SELECT id FROM projects ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
            let records = try await RegisterStore.load(.projects, ids: ids, on: app.db)
            var stages: Set<String> = []
            for record in records {
                var derived = record.values
                RegisterDeclaration.projects.derive?(&derived)
                XCTAssertEqual(derived["nextDueOn"], record.values["nextDueOn"], record.text("code") ?? "")
                for rule in RegisterDeclaration.projects.rules { XCTAssertNil(rule.check(record.values), record.text("code") ?? "") }
                stages.insert(record.text("stage") ?? "")
            }
            XCTAssertEqual(stages, Set(ProjectStage.allCases.map(\.rawValue)), "projects in every stage")
            let stagesPerBoard = try await sql.raw("""
                SELECT MIN(n) AS least FROM (SELECT owning_unit_id, COUNT(DISTINCT stage) AS n FROM leads GROUP BY owning_unit_id) s
                """).first(decodingColumn: "least", as: Int.self)
            XCTAssertEqual(stagesPerBoard, Set(AttractionSeeder.leadStages).count, "every board works leads in every stage")
            let projectStagesPerBoard = try await sql.raw("""
                SELECT MIN(n) AS least FROM (SELECT owning_unit_id, COUNT(DISTINCT stage) AS n FROM projects GROUP BY owning_unit_id) s
                """).first(decodingColumn: "least", as: Int.self)
            XCTAssertEqual(projectStagesPerBoard, ProjectStage.allCases.count, "every board's projects are in every stage")

            // This year's investment plans, their totals derived as the register derives them.
            try await AssertAsync.equal(try await count("project_investments"), summary.investments)
            XCTAssertGreaterThan(summary.investments, 0)
            let planIDs = try await sql.raw("SELECT id FROM project_investments ORDER BY id LIMIT 60").all().map { try $0.decode(column: "id", as: Int.self) }
            for plan in try await RegisterStore.load(.projectInvestments, ids: planIDs, on: app.db) {
                var derived = plan.values
                RegisterDeclaration.projectInvestments.derive?(&derived)
                XCTAssertEqual(derived, plan.values, plan.text("code") ?? "")
                for rule in RegisterDeclaration.projectInvestments.rules { XCTAssertNil(rule.check(plan.values), plan.text("code") ?? "") }
            }

            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let found = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.projects.apiPath + "?q=" + AttractionSeeder.projectCode(7)))
            XCTAssertEqual((found["items"] as? [[String: Any]])?.map { $0["code"] as? String }, [AttractionSeeder.projectCode(7)], "filed in the search postings")
            let warnings = try parseJSONObject(try await office.send(.GET, "/api/v1/warnings"))
            let kinds = try XCTUnwrap(warnings["kinds"] as? [[String: Any]])
            for key in ["lateProjects", "overdueObstacles", "staleLeads", "investmentBehind"] {
                XCTAssertGreaterThan(kinds.first { $0["key"] as? String == key }?["red"] as? Int ?? 0, 0, key)
            }
            let progress = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.attractionTargets.apiPath + "/progress?year=2026"))
            XCTAssertEqual((progress["rows"] as? [[String: Any]])?.count, boards)
            let board = try await sql.raw("SELECT owning_unit_id AS u FROM leads LIMIT 1").first(decodingColumn: "u", as: Int.self)!
            let page = try await Browser.signedIn(app, as: .office).get(RegisterDeclaration.leads.path + "/board?owningUnitId=\(board)")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains(AttractionSeeder.leadCode(0)) || page.text.contains("board-column"))

            do {
                _ = try await AttractionSeeder.seed(app, options: .init(leads: 10, projects: 10, obstacles: 1)) { _ in }
                XCTFail("a second run is refused")
            } catch {}
        }
    }
}
