import Foundation
import Fluent
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// An enterprise import checks its rows once, before the transaction, and hands the plan to the
/// write; inside the transaction the write confirms in one batched pass that the plan still holds
/// and otherwise checks again — so a code registered, or a unit deactivated, between checking and
/// writing refuses the file whole.
final class ImportCarryTests: XCTestCase {
    func officeContext(_ app: Application, _ fixtures: Fixtures) -> ImportContext { fixtures.officeImportContext(app) }

    /// The `unit` role of the integrated-circuit team: it writes only what its unit keeps.
    func teamContext(_ app: Application, _ fixtures: Fixtures) -> ImportContext {
        let actor = Actor(userID: fixtures.users[.unit]!, username: "t-unit", displayName: "测试招商团队", roles: [.unit],
                          unitID: fixtures.team, unitPath: UnitPath(ids: [fixtures.root, fixtures.board, fixtures.zone, fixtures.team]),
                          unitName: "集成电路招商团队", tokenReadOnly: nil)
        return ImportContext(db: app.db, actor: actor, address: "127.0.0.1", clock: app.clock, passwords: { $0 }, progress: nil)
    }

    func rows(_ codes: [String], unit: String = "ZS-JCDL") -> [ImportRow] {
        codes.enumerated().map { index, code in
            ImportRow(number: index + 2, values: ["name": "交接测试企业\(index)", "creditCode": code, "industryCode": "3976", "unitId": unit, "aboveScale": "否"])
        }
    }

    func write(_ rows: [ImportRow], _ context: ImportContext, _ app: Application) async throws -> Int {
        try await app.db.transaction { tx in try await EnterpriseRegister().write(rows, context: context.forTransaction(on: tx), on: tx) }
    }

    func testACheckedPlanIsHandedToTheWriteOnceAndWrites() async throws {
        try await withApp { app, fixtures in
            let context = officeContext(app, fixtures)
            let rows = rows([USCC.numbered(9701), USCC.numbered(9702)])
            let errors = try await EnterpriseRegister().validate(rows, context: context)
            XCTAssertEqual(errors.count, 0, "\(errors)")
            let written = try await write(rows, context, app)
            XCTAssertEqual(written, 2)
            XCTAssertNil(context.carried.take(EnterpriseRegister.CheckedPlan.self), "the plan is taken by the write")
            try await AssertAsync.equal(try await Stored.count(app, "enterprises", where: "credit_code IN ('\(USCC.numbered(9701))', '\(USCC.numbered(9702))')"), 2)
        }
    }

    /// Registered meanwhile where the importer may write: the row updates it (the handed plan would
    /// have inserted it a second time); registered where the importer may not: the file is refused.
    func testACodeRegisteredBetweenCheckingAndWritingIsCheckedAgain() async throws {
        try await withApp { app, fixtures in
            let context = teamContext(app, fixtures)
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let rows = rows([USCC.numbered(9711), USCC.numbered(9712)])
            let errors = try await EnterpriseRegister().validate(rows, context: context)
            XCTAssertEqual(errors.count, 0, "\(errors)")
            _ = try await api.createEnterprise("抢先登记企业", code: USCC.numbered(9711), unit: fixtures.team)
            let written = try await write(rows, context, app)
            XCTAssertEqual(written, 2)
            try await AssertAsync.equal(try await Stored.count(app, "enterprises", where: "credit_code = '\(USCC.numbered(9711))'"), 1)
            try await AssertAsync.equal(try await Stored.count(app, "enterprises", where: "credit_code = '\(USCC.numbered(9711))' AND name = '交接测试企业0'"), 1)

            let refused = self.rows([USCC.numbered(9731), USCC.numbered(9732)])
            let refusedErrors = try await EnterpriseRegister().validate(refused, context: context)
            XCTAssertEqual(refusedErrors.count, 0, "\(refusedErrors)")
            _ = try await api.createEnterprise("他队登记企业", code: USCC.numbered(9731), unit: fixtures.otherTeam)
            do {
                _ = try await write(refused, context, app)
                XCTFail("the file is refused")
            } catch AppError.conflict(let message, _) {
                XCTAssertEqual(message, "数据在校验后发生了变化，请重新导入")
            }
            try await AssertAsync.equal(try await Stored.count(app, "enterprises", where: "credit_code = '\(USCC.numbered(9732))'"), 0)
            try await AssertAsync.equal(try await Stored.count(app, "enterprises", where: "name = '他队登记企业'"), 1, "the registered one is left as it was")
        }
    }

    func testAUnitDeactivatedBetweenCheckingAndWritingRefusesTheFile() async throws {
        try await withApp { app, fixtures in
            let context = officeContext(app, fixtures)
            let rows = rows([USCC.numbered(9721)], unit: "ZS-SMJK")
            let errors = try await EnterpriseRegister().validate(rows, context: context)
            XCTAssertEqual(errors.count, 0, "\(errors)")
            try await (app.db as! any SQLDatabase).raw("UPDATE units SET active = \(bind: false) WHERE id = \(bind: fixtures.otherTeam)").run()
            do {
                _ = try await write(rows, context, app)
                XCTFail("the file is refused")
            } catch AppError.conflict(let message, _) {
                XCTAssertEqual(message, "数据在校验后发生了变化，请重新导入")
            }
            try await AssertAsync.equal(try await Stored.count(app, "enterprises", where: "credit_code = '\(USCC.numbered(9721))'"), 0)
        }
    }
}
