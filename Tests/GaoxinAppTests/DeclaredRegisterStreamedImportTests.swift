import Fluent
import Foundation
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// A declared register's CSV file is streamed a slice at a time in one transaction and written in
/// bulk (`RegisterBulkWriter`), as every register is — policies stand for all: a key repeated in a
/// later slice refuses the whole file with nothing left of the slices before it; a good file gives
/// each record its own references (ids found again by the import key), search postings exactly as
/// a rebuild files them, and an audit row; the same file again writes nothing, a changed row one
/// update. Slices of a few rows stand for the 20,000 of a real import.
final class DeclaredRegisterStreamedImportTests: XCTestCase {
    static let header = "政策名称,文号,层级,发文单位,适用集群,主要内容"

    /// Eight policies: the clusters of each by its place (甲, 乙, both), a summary of its own.
    static func lines(summaryOfThird: String = "第3条主要内容") -> [String] {
        (1...8).map { number in
            let clusters = ["分片集群甲", "分片集群乙", "分片集群甲、分片集群乙"][number % 3]
            let summary = number == 3 ? summaryOfThird : "第\(number)条主要内容"
            return "分片政策\(number)号（测试）,锡高管发〔2025〕\(number)号,N 配套细则,WXGX,\(clusters),\(summary)"
        }
    }

    /// The clusters the lines name: 分片集群甲, 分片集群乙.
    static func clusters(_ office: APIClient, _ fixtures: Fixtures) async throws -> [Int] {
        var clusters: [Int] = []
        for name in ["分片集群甲", "分片集群乙"] {
            clusters.append(try AttractionRequests.created(try await office.send(.POST, Site.API.clusters, body: ["name": name, "category": "future", "leadUnitId": fixtures.zone])))
        }
        return clusters
    }

    func run(_ app: Application, _ fixtures: Fixtures, _ lines: [String]) async throws -> JobOutcome {
        try await ImportJob.run(register: RegisterImport(declaration: .policies), source: .data(ImportDriver.csv([Self.header] + lines)),
                                fileName: "政策.csv", limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 3)
    }

    func testAFileOfManySlicesIsWrittenWholeWithEachRecordsReferencesPostingsAndAudit() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let clusters = try await Self.clusters(office, fixtures)
            let audits = try await Probe.auditCount(app)
            let sql = app.db as! any SQLDatabase

            // The first policy's name again, in the third slice: nothing of the two slices before it stays.
            let repeated = Self.lines() + ["分片政策1号（测试）,,N 配套细则,WXGX,,"]
            let refused = try await run(app, fixtures, repeated)
            guard case .failed(let message, _) = refused else { return XCTFail("a repeated name refuses the file: \(refused)") }
            XCTAssertEqual(message, "发现 1 处问题，未写入任何数据。请修改后重新导入。")
            XCTAssertEqual(StreamedImportTests.errors(refused), [ImportRowError(row: 10, column: "政策名称", value: "分片政策1号（测试）", reason: "与第 2 行重复")])
            Check.equal(try await Probe.count(app, "policies"), 0, "the slices written before the repeat were rolled back")
            Check.equal(try await Probe.count(app, "register_links", where: "register = 'policies'"), 0, "with their references")
            Check.equal(try await Probe.count(app, "search_filings", where: "tbl = 'policies'"), 0, "and their search filings")
            Check.equal(try await Probe.count(app, Probe.allPostings, where: "tbl = 'policies'"), 0, "and postings")
            Check.equal(try await Probe.auditCount(app), audits, "and audit rows")

            guard case .succeeded(let written, _) = try await run(app, fixtures, Self.lines()) else { return XCTFail("the good file imports") }
            XCTAssertEqual(written, "已导入 8 条政策")
            let ids = try await sql.raw("SELECT id, name FROM policies").all().reduce(into: [String: Int]()) { ids, row in
                ids[try row.decode(column: "name", as: String.self)] = try row.decode(column: "id", as: Int.self)
            }
            XCTAssertEqual(ids.count, 8)
            for number in 1...8 {
                let name = "分片政策\(number)号（测试）"
                let id = try XCTUnwrap(ids[name])
                let found = try await RegisterStore.find(.policies, id: id, on: app.db)
                let record = try XCTUnwrap(found, name)
                let expected = [[clusters[0]], [clusters[1]], clusters][number % 3]
                XCTAssertEqual(record.values["clusterIds"]?.ids, expected, "\(name)'s own clusters, in the file's order")
                XCTAssertEqual(record.text("summary"), "第\(number)条主要内容")
                XCTAssertEqual(record.text("documentNumber"), "锡高管发〔2025〕\(number)号")
            }
            Check.equal(try await Probe.auditCount(app, entity: "policy"), 8, "an audit row a record")
            let thirdID = try XCTUnwrap(ids["分片政策3号（测试）"])
            let thirdAudit = try await Probe.lastAudit(app, entity: "policy", id: thirdID)
            let third = try XCTUnwrap(thirdAudit)
            XCTAssertEqual(third.summary, "导入政策“分片政策3号（测试）”")
            Check.equal(try await Probe.auditCount(app, entity: "import"), 1)
            let importRecord = try await Probe.importRecord(app)
            XCTAssertEqual(importRecord["written"] as? Int, 8)

            // Search finds a record by two characters of its document number and by its name.
            let found = try parseJSONObject(try await office.send(.GET, RegisterDeclaration.policies.apiPath + "?q=" + Browser.encode("政策5号")))
            XCTAssertEqual((found["items"] as? [[String: Any]])?.map { $0["name"] as? String }, ["分片政策5号（测试）"])
            // The postings and filings are exactly those a rebuild files.
            // (An import files its new records among the recent postings; a rebuild, in the main ones.)
            let postings = try await Self.rows(sql, "SELECT gram, sort_key, record_id FROM \(Probe.allPostings) WHERE tbl = 'policies' ORDER BY 1, 2, 3")
            Check.equal(try await Probe.count(app, "search_grams_recent", where: "tbl = 'policies'"), postings.count, "the import's postings are the recent ones")
            let filings = try await Self.rows(sql, "SELECT record_id, sort_key, grams FROM search_filings WHERE tbl = 'policies' ORDER BY 1")
            XCTAssertEqual(filings.count, 8)
            try await SearchSource.rebuild(SearchSource.all, on: sql)
            try await AssertAsync.equal(try await Self.rows(sql, "SELECT gram, sort_key, record_id FROM search_grams WHERE tbl = 'policies' ORDER BY 1, 2, 3"), postings)
            Check.equal(try await Probe.count(app, "search_grams_recent"), 0, "a rebuild files every record in the main postings")
            try await AssertAsync.equal(try await Self.filedGrams(sql), try Self.decodedGrams(filings), "the filings name the same grams")

            // The same file again writes nothing; a changed summary updates that record alone.
            guard case .succeeded(let again, _) = try await run(app, fixtures, Self.lines()) else { return XCTFail("a second import runs") }
            XCTAssertEqual(again, "已导入 0 条政策（共 8 行，其余 8 行与现有数据相同，未改动）")
            Check.equal(try await Probe.auditCount(app, entity: "policy"), 8)
            guard case .succeeded(let changed, _) = try await run(app, fixtures, Self.lines(summaryOfThird: "修订后的内容")) else { return XCTFail("a changed file imports") }
            XCTAssertEqual(changed, "已导入 1 条政策（共 8 行，其余 7 行与现有数据相同，未改动）")
            let updateAudit = try await Probe.lastAudit(app, entity: "policy", id: thirdID)
            let update = try XCTUnwrap(updateAudit)
            XCTAssertEqual(update.summary, "导入更新政策“分片政策3号（测试）”")
            Check.equal(try await Probe.count(app, "policies", where: "summary = '修订后的内容'"), 1)
            Check.equal(try await Probe.count(app, "register_links", where: "register = 'policies'"), 11, "the references as they were: five rows of one cluster, three of two")
        }
    }

    /// A register's own check across records (a lead's company followed once) names the row it
    /// repeats within a slice, and across slices the record an earlier slice wrote in the same
    /// transaction — with nothing written in the end.
    func testARepeatedCompanyIsNamedByItsRowWithinASliceAndByItsLeadAcrossSlices() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            _ = try await AttractionRequests.source(office)
            let file = ImportDriver.csv(["线索编号,企业名称,线索来源,招商团队,阶段",
                                         "XS-11,甲乙新材料有限公司,产业链招商,ZS-SMJK,线索", "XS-12,丙丁科技有限公司,产业链招商,ZS-SMJK,线索",
                                         "XS-13,戊己精密有限公司,产业链招商,ZS-SMJK,线索", "XS-14,戊己精密（无锡）有限公司,产业链招商,ZS-SMJK,线索",
                                         "XS-15,无锡甲乙新材料有限公司,产业链招商,ZS-SMJK,线索"])
            let outcome = try await ImportJob.run(register: RegisterImport(declaration: .leads), source: .data(file), fileName: "线索.csv",
                                                  limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 2)
            let errors = StreamedImportTests.errors(outcome)
            XCTAssertEqual(errors.map { "\($0.row) \($0.column)" }, ["5 企业名称", "6 企业名称"], "\(errors)")
            XCTAssertEqual(errors.first?.reason, "与第 4 行是同一企业")
            XCTAssertTrue(errors.last?.reason.hasPrefix("该企业已由“") == true && errors.last?.reason.contains("线索 XS-11“甲乙新材料有限公司”") == true,
                          "\(errors.last?.reason ?? "")")
            Check.equal(try await Probe.count(app, "leads"), 0, "the first slice, written before, rolled back")
        }
    }

    /// Within one batch too, a company is one company by its credit code as by its name, and one
    /// another team signed is not opened again.
    func testALeadRepeatingAnEarlierRowsCreditCodeOrSignedCompanyIsRefused() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            _ = try await AttractionRequests.source(office)
            let code = USCC.numbered(9811)
            let file = ImportDriver.csv(["线索编号,企业名称,统一社会信用代码,线索来源,招商团队,阶段",
                                         "XS-31,庚辛电子有限公司,\(code),产业链招商,ZS-SMJK,线索", "XS-32,壬癸控股有限公司,\(code),产业链招商,ZS-SMJK,线索",
                                         "XS-33,子丑材料有限公司,,产业链招商,ZS-SMJK,签约", "XS-34,无锡子丑材料有限公司,,产业链招商,ZS-SMJK,线索",
                                         "XS-35,寅卯装备有限公司,,产业链招商,ZS-SMJK,签约", "XS-36,寅卯装备（无锡）有限公司,,产业链招商,ZS-JCDL,线索"])
            let outcome = try await ImportJob.run(register: RegisterImport(declaration: .leads), source: .data(file), fileName: "线索.csv",
                                                  limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 10)
            let errors = StreamedImportTests.errors(outcome)
            XCTAssertEqual(errors.map { "\($0.row) \($0.reason)" }, ["3 与第 2 行是同一企业", "7 与第 6 行是同一企业"],
                           "the same code; another team's signed company (the signing team's own new lead, row 5, passes): \(errors)")
        }
    }

    /// A unique field other than the import key, repeated in a later slice of a file, is named with
    /// the row that gave it first (the first slice's record met in the database) and within a slice
    /// by its row, not by its place in the slice.
    func testAUniqueNameRepeatedIsNamedByItsRow() async throws {
        try await withApp { app, fixtures in
            let file = ImportDriver.csv(["指标代码,指标名称,计量单位,数值类型", "ZB-11,分片指标甲,件,整数", "ZB-12,分片指标乙,件,整数",
                                         "ZB-13,分片指标丙,件,整数", "ZB-14,分片指标丙,件,整数", "ZB-15,分片指标甲,件,整数"])
            let outcome = try await ImportJob.run(register: RegisterImport(declaration: .zoneIndicators), source: .data(file), fileName: "指标.csv",
                                                  limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 2)
            let errors = StreamedImportTests.errors(outcome)
            XCTAssertEqual(errors.map { "\($0.row) \($0.column) \($0.reason)" },
                           ["5 指标名称 指标名称与第 4 行重复", "6 指标名称 指标名称“分片指标甲”已被“分片指标甲”使用"], "\(errors)")
            Check.equal(try await Probe.count(app, "zone_indicators", where: "code LIKE 'ZB-1_'"), 0)
        }
    }

    /// An import's amounts are compared with the typical amount of the records before it: a
    /// streamed file's first slice of large amounts does not make a later slice's 10,000-fold one
    /// look ordinary.
    func testAmountsOfALaterSliceAreComparedWithTheRecordsBeforeTheImport() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            _ = try await AttractionRequests.source(office)
            let header = "线索编号,企业名称,线索来源,招商团队,阶段,预计投资（万元）"
            func lead(_ number: Int, _ amount: Int) -> String { "XS-\(number),第\(number)号新材料有限公司,产业链招商,ZS-SMJK,线索,\(amount)" }
            let before = try await ImportJob.run(register: RegisterImport(declaration: .leads), source: .data(ImportDriver.csv([header] + (1...5).map { lead($0, 1_000) })),
                                                 fileName: "线索.csv", limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 10)
            guard case .succeeded = before else { return XCTFail("\(before)") }
            // Six leads at 5,000 times the typical 1,000 万元 (allowed), then one at 20,000 times it:
            // against the median after the first slice (5,000,000) it would be only 4 times.
            let file = ImportDriver.csv([header] + (11...16).map { lead($0, 5_000_000) } + [lead(17, 20_000_000)])
            let outcome = try await ImportJob.run(register: RegisterImport(declaration: .leads), source: .data(file), fileName: "线索.csv",
                                                  limit: 1 << 20, context: fixtures.officeImportContext(app), sliceRows: 6)
            let errors = StreamedImportTests.errors(outcome)
            XCTAssertEqual(errors.map(\.row), [8], "\(errors)")
            XCTAssertTrue(errors.first?.reason.contains("一万倍以上") == true, "\(errors)")
            Check.equal(try await Probe.count(app, "leads"), 5)
        }
    }

    /// A register's `maxSliceRows` bounds its slices whatever slice the import is configured with:
    /// each slice is announced once.
    func testASlicedRegisterBoundsItsSlices() async throws {
        try await withApp { app, fixtures in
            _ = try await Self.clusters(try await APIClient.forRole(.office, app: app, fixtures: fixtures), fixtures)
            let slices = SliceCount()
            var context = fixtures.officeImportContext(app)
            context.announce = { _, _, _ in slices.add() }
            let outcome = try await ImportJob.run(register: TwoRowSlices(), source: .data(ImportDriver.csv([Self.header] + Self.lines())), fileName: "政策.csv",
                                                  limit: 1 << 20, context: context, sliceRows: 50_000)
            guard case .succeeded = outcome else { return XCTFail("\(outcome)") }
            XCTAssertEqual(slices.count, 4, "eight rows in slices of two")
            Check.equal(try await Probe.count(app, "policies"), 8)
        }
    }

    /// A register whose rows carry a secret (users' passwords, hashed before the transaction) takes
    /// the whole file; the others stream.
    func testOnlyRegistersWithoutSecretsStream() {
        XCTAssertTrue(RegisterImport(declaration: .policies).streamsFiles)
        XCTAssertTrue(RegisterImport(declaration: .leads).streamsFiles)
        XCTAssertFalse(RegisterImport(declaration: .users).streamsFiles)
    }

    private static func rows(_ sql: any SQLDatabase, _ query: String) async throws -> [String] {
        try await sql.raw(SQLQueryString(query)).all().map { row in
            try row.allColumns.map { column in
                if let text = try? row.decode(column: column, as: String.self) { return text }
                return String(try row.decode(column: column, as: Int.self))
            }.joined(separator: "|")
        }
    }

    private static func filedGrams(_ sql: any SQLDatabase) async throws -> [String] {
        try decodedGrams(try await rows(sql, "SELECT record_id, sort_key, grams FROM search_filings WHERE tbl = 'policies' ORDER BY 1"))
    }

    /// Filings with their grams sorted (a JSON array's order is the writer's).
    private static func decodedGrams(_ filings: [String]) throws -> [String] {
        try filings.map { filing in
            let parts = filing.split(separator: "|", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            let grams = try JSONDecoder().decode([String].self, from: Data(parts[2].utf8)).sorted()
            return "\(parts[0])|\(parts[1])|\(grams.joined(separator: ","))"
        }
    }
}

/// Policies imported in slices of at most two rows.
private struct TwoRowSlices: SlicedImportRegister {
    let base = RegisterImport(declaration: .policies)
    var key: String { base.key }
    var titleZh: String { base.titleZh }
    var titleEn: String { base.titleEn }
    var columns: [RegisterColumn] { base.columns }
    var policy: ResourcePolicy { base.policy }
    var maxSliceRows: Int { 2 }
    func slices(context: ImportContext) -> any ImportSlices { base.slices(context: context) }
    func validate(_ rows: [ImportRow], context: ImportContext) async throws -> [ImportRowError] { try await base.validate(rows, context: context) }
    func write(_ rows: [ImportRow], context: ImportContext, on tx: Database) async throws -> Int { try await base.write(rows, context: context, on: tx) }
}

private final class SliceCount: @unchecked Sendable {
    private let lock = NSLock()
    private var slices = 0
    func add() { lock.withLock { slices += 1 } }
    var count: Int { lock.withLock { slices } }
}
