import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// A CSV file of qualifications is streamed (issue 11.3): a slice at a time in one transaction,
/// a qualification repeated in a later slice named with its first row, one already recorded
/// reported, and the new ones written in multi-row statements, each audited under its own id.
/// Slices of 2 rows stand for the 50,000 of a real import.
final class StreamedQualificationImportTests: XCTestCase {
    static let header = "统一社会信用代码,资质类型,认定日期,有效期至"

    func run(_ app: Application, _ fixtures: Fixtures, _ lines: [String]) async throws -> JobOutcome {
        try await ImportJob.run(register: QualificationRegister(), source: .data(ImportDriver.csv([Self.header] + lines)), fileName: "资质.csv",
                                limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 2)
    }

    func testQualificationsStreamAcrossSlicesWithTheirOwnAuditRows() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            var codes: [String: Int] = [:]
            for number in 9721...9723 {
                codes[USCC.numbered(number)] = try await api.createEnterprise("分片资质企业\(number)", code: USCC.numbered(number), unit: fixtures.team)
            }
            let (a, b, c) = (USCC.numbered(9721), USCC.numbered(9722), USCC.numbered(9723))
            XCTAssertTrue(try ImportSource.data(ImportDriver.csv([Self.header])).streams(for: QualificationRegister(), fileName: "资质.csv"))
            let good = [
                "\(a),高新技术企业,2024-12-01,2027-11-30", "\(a),专精特新,2025-06-01,",
                "\(b),高新技术企业,2024-12-01,2027-11-30", "\(b),瞪羚企业,2025-01-10,",
                "\(c),高新技术企业,2023-11-20,2026-11-19",
            ]
            let audits = try await Probe.auditCount(app)

            // The second row again in the fourth slice: nothing of the slices before it stays.
            let refused = try await run(app, fixtures, good + ["\(b),独角兽企业,2025-02-01,", "\(a),专精特新,2025-06-01,"])
            XCTAssertEqual(StreamedImportTests.errors(refused), [ImportRowError(row: 8, column: "资质类型", value: "专精特新", reason: "与第 3 行重复")])
            Check.equal(try await Probe.count(app, "enterprise_qualifications"), 0, "the slices before the repeat were rolled back")
            Check.equal(try await Probe.auditCount(app), audits, "nor audited")

            guard case .succeeded(let written, _) = try await run(app, fixtures, good) else { return XCTFail("the good file imports") }
            XCTAssertEqual(written, "已导入 5 条企业资质")
            // Each qualification's audit row carries its own id, enterprise and kind (ids mapped
            // back from the multi-row insert by the qualification's key).
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT id, enterprise_id, kind, granted_on FROM enterprise_qualifications").all()
            XCTAssertEqual(rows.count, 5)
            let entries = try await Stored.audit(app, entity: "enterprise_qualification")
            XCTAssertEqual(entries.count, 5)
            for row in rows {
                let id = try row.decode(column: "id", as: Int.self)
                let entry = try XCTUnwrap(entries.first { $0.entityID == String(id) }, "qualification \(id) is audited")
                let after = try parseJSONObject(entry.afterJSON)
                XCTAssertEqual(after["id"] as? Int, id)
                XCTAssertEqual(after["enterpriseId"] as? Int, try row.decode(column: "enterprise_id", as: Int.self))
                XCTAssertEqual(after["kind"] as? String, try row.decode(column: "kind", as: String.self))
                XCTAssertEqual(after["grantedOn"] as? String, try row.decode(column: "granted_on", as: String.self))
            }
            let listed = try parseJSONObject(try await api.send(.GET, Site.API.enterpriseQualifications(try XCTUnwrap(codes[b]))))
            XCTAssertEqual(((listed["items"] as? [[String: Any]]) ?? []).compactMap { $0["kindName"] as? String }.sorted(), ["瞪羚企业", "高新技术企业"].sorted())

            // Recorded ones are reported, in whichever slice they are; a new one beside them is not written.
            let again = try await run(app, fixtures, ["\(c),专精特新,2025-03-01,", good[4], good[0]])
            XCTAssertEqual(StreamedImportTests.errors(again).map(\.row), [3, 4])
            XCTAssertEqual(Set(StreamedImportTests.errors(again).map(\.reason)), ["该资质已登记"])
            Check.equal(try await Probe.count(app, "enterprise_qualifications"), 5)
        }
    }
}
