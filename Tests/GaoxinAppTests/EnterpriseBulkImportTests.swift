import Foundation
@testable import GaoxinApp
import GaoxinDomain
import SQLKit
import Vapor
import XCTest

/// An enterprise import larger than one write chunk (`EnterpriseBulkWriter`): every row created
/// once, searchable, audited before → after, counted in the roll-up; a refresh that renames a
/// few rewrites only those, and their postings follow the new names.
final class EnterpriseBulkImportTests: XCTestCase {
    static let header = "企业名称,统一社会信用代码,行业代码,所属单位,规上"

    static func row(_ n: Int, name: String? = nil) -> String {
        "\(name ?? "批量导入测试企业\(n)号"),\(USCC.numbered(20_000 + n)),3976,ZS-JCDL,\(n % 3 == 0 ? "是" : "否")"
    }

    func testAFileOfSeveralChunksIsWrittenSearchableAuditedAndCounted() async throws {
        try await withApp { app, fixtures in
            let count = EnterpriseBulkWriter.chunkSize * 2 + 37
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let auditsBefore = try await Probe.auditCount(app, entity: "enterprise")
            let (_, job) = try await driver.viaAPI("enterprises", fileName: "批量.csv",
                                                   data: ImportDriver.csv([Self.header] + (1...count).map { Self.row($0) }))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let enterprisesNow = try await Probe.count(app, "enterprises", where: "name LIKE '批量导入测试企业%'")
            XCTAssertEqual(enterprisesNow, count)
            let createdAudits = try await Probe.auditCount(app, entity: "enterprise") - auditsBefore
            XCTAssertEqual(createdAudits, count, "one audit row per created enterprise")
            let sortKeys = try await Probe.count(app, "enterprises", where: "name LIKE '批量导入测试企业%' AND name_sort IS NOT NULL")
            XCTAssertEqual(sortKeys, count)

            let api = driver.api
            func total(_ q: String) async throws -> Int? {
                try parseJSONObject(try await api.send(.GET, "/api/v1/enterprises?q=" + q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!))["total"] as? Int
            }
            let byName = try await total("测试企业\(count)号")
            XCTAssertEqual(byName, 1)
            let byTwo = try await total("批量")
            XCTAssertEqual(byTwo, count)
            let aboveScale = try parseJSONObject(try await api.send(.GET, "/api/v1/enterprises?aboveScale=1&unitId=\(fixtures.team)"))["total"] as? Int
            XCTAssertEqual(aboveScale, count / 3)

            // A refresh: the same file with three names changed.
            var lines = [Self.header] + (1...count).map { Self.row($0) }
            for n in [5, 500, count] { lines[n] = Self.row(n, name: "更名后的企业\(n)号") }
            let (_, refresh) = try await driver.viaAPI("enterprises", fileName: "更名.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(refresh["status"] as? String, "succeeded", "\(refresh)")
            let updates = try await Probe.count(app, "audit_log", where: "entity = 'enterprise' AND action = 'update'")
            XCTAssertEqual(updates, 3, "unchanged rows are neither written nor audited")
            let renamed = try await total("更名后")
            XCTAssertEqual(renamed, 3)
            let oldName = try await total("测试企业500号")
            XCTAssertEqual(oldName, 0, "the old name's postings are gone")
            let sql = app.db as! any SQLDatabase
            let renamedID = try await sql.raw("SELECT id FROM enterprises WHERE name = '更名后的企业500号'").first(decodingColumn: "id", as: Int.self)
            let filed = Set(try await sql.raw("SELECT gram FROM \(unsafeRaw: Probe.allPostings) WHERE tbl = 'enterprises' AND record_id = \(bind: renamedID ?? 0)").all()
                .map { try $0.decode(column: "gram", as: String.self) })
            XCTAssertEqual(filed, SearchIndex.grams("更名后的企业500号"), "exactly the new name's postings: no gram of the old name is left")
            let sortKey = try await (app.db as! any SQLDatabase).raw("SELECT name_sort FROM enterprises WHERE name = '更名后的企业5号'")
                .first(decodingColumn: "name_sort", as: String.self)
            XCTAssertEqual(sortKey, PinyinSortKey.key(for: "更名后的企业5号"))
        }
    }
}
