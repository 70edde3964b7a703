import Fluent
import GaoxinDomain
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// Importing the enterprise register and its monthly figures through the public import routes:
/// CSV (UTF-8, GB18030) and xlsx; all rows written with their audit records, or none and every
/// bad row reported (row, column, value, reason); a known credit code updates its enterprise and
/// an unchanged row writes nothing; the unit role imports only for its own subtree.
final class EnterpriseImportTests: XCTestCase {
    typealias E = ImportDriver.RowError
    static let header = "企业名称,统一社会信用代码,行业代码,所属单位,规上,层级,地址,备注"
    static let indicatorHeader = "统一社会信用代码,企业名称,月份,营业收入（万元）,工业产值（万元）,税收（万元）,研发费用（万元）,从业人员（人）,发明专利（件）"

    private func enterprise(_ app: Application, code: String, file: StaticString = #filePath, line: UInt = #line) async throws -> Enterprise {
        try Check.unwrap(try await Enterprise.query(on: app.db).filter(\.$creditCode == code).first(), "enterprise \(code) should exist", file: file, line: line)
    }

    private func month(_ app: Application, _ enterpriseID: Int, _ period: String, file: StaticString = #filePath, line: UInt = #line) async throws -> EnterpriseIndicator {
        try Check.unwrap(try await EnterpriseIndicator.query(on: app.db).filter(\.$enterpriseID == enterpriseID).filter(\.$period == period).first(),
                         "month \(period) of \(enterpriseID) should exist", file: file, line: line)
    }

    // MARK: Good files

    func testAGoodUTF8FileImportsThroughThePageWithAnAuditRowPerEnterprise() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (c1, c2, c3) = (USCC.numbered(200), USCC.numbered(201), USCC.numbered(202))
            let lines = [
                Self.header,
                "无锡芯测半导体有限公司,\(c1),C3976,ZS-JCDL,是,骨干,无锡市新吴区长江路,首批",
                "江阴新材料有限公司,\(c2.lowercased()),2651,新吴,否,,,",
                "\"宜兴环保科技有限公司\",\(c3),39,WXGX,,新锐,\"含逗号, 与\"\"引号\"\"\",",
            ]
            let enterprises = try await Probe.count(app, "enterprises")
            let (id, job) = try await driver.viaPage("enterprises", fileName: "企业名录.csv", data: ImportDriver.csv(lines, bom: true))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["inserted"] as? Int, 3)
            XCTAssertEqual(job["message"] as? String, "已导入 3 条企业名录")
            XCTAssertEqual(ImportDriver.errors(job), [])
            Check.equal(try await Probe.count(app, "enterprises"), enterprises + 3)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity = 'enterprise' AND action = 'create'"), 3, "one audit row per enterprise")
            Check.equal(try await Probe.count(app, "audit_log", where: "entity = 'import' AND entity_id = 'enterprises'"), 1, "and one for the import")

            let chip = try await enterprise(app, code: c1)
            XCTAssertEqual(chip.name, "无锡芯测半导体有限公司", "the BOM is not part of the first heading")
            XCTAssertEqual(chip.industryCode, "3976")
            XCTAssertEqual(chip.unitID, fixtures.team, "a unit by its code")
            XCTAssertTrue(chip.aboveScale)
            XCTAssertEqual(chip.tier, "backbone")
            XCTAssertEqual(chip.address, "无锡市新吴区长江路")
            XCTAssertEqual(chip.note, "首批")
            XCTAssertTrue(chip.active)
            let materials = try await enterprise(app, code: c2)
            XCTAssertEqual(materials.unitID, fixtures.board, "a unit by its unique name; the code stored upper-cased")
            XCTAssertFalse(materials.aboveScale)
            XCTAssertNil(materials.tier)
            XCTAssertNil(materials.address)
            let green = try await enterprise(app, code: c3)
            XCTAssertEqual(green.unitID, fixtures.zone)
            XCTAssertEqual(green.industryCode, "39")
            XCTAssertFalse(green.aboveScale, "an empty 规上 cell is 否")
            XCTAssertEqual(green.tier, "rising")
            XCTAssertEqual(green.address, "含逗号, 与\"引号\"")
            let audit = try Check.unwrap(try await Probe.lastAudit(app, entity: "enterprise", id: chip.id!))
            XCTAssertEqual(audit.actorId, fixtures.users[.office])
            XCTAssertNil(audit.beforeJson)
            XCTAssertEqual(try parseJSONObject(audit.afterJson)["creditCode"] as? String, c1)

            let page = try await driver.browser.get(Site.job(id))
            XCTAssertTrue(page.text.contains("已导入 3 条企业名录"))
        }
    }

    func testAGB18030FileFromChineseWindowsImports() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let data = ImportDriver.bytes(hex: Self.gb18030Hex)
            XCTAssertNil(String(data: data, encoding: .utf8), "the file really is not UTF-8")
            let (_, job) = try await driver.viaAPI("enterprises", fileName: "企业.csv", data: data)
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["inserted"] as? Int, 2)
            let rare = try await enterprise(app, code: "91320214MA1GB18000")
            XCTAssertEqual(rare.name, "𠮷祥精密机械有限公司", "a character GBK lacks, in GB18030's four-byte form")
            XCTAssertEqual(rare.industryCode, "3484")
            XCTAssertEqual(rare.unitID, fixtures.board)
            XCTAssertTrue(rare.aboveScale)
            XCTAssertEqual(rare.tier, "backbone")
            XCTAssertEqual(rare.note, "四字节的字")
            let second = try await enterprise(app, code: "91320214MA1GB18013")
            XCTAssertEqual(second.name, "锡山镕金新材料有限公司")
            XCTAssertEqual(second.unitID, fixtures.team)
            XCTAssertEqual(second.note, "“引号”与，全角逗号")
        }
    }

    func testXLSXFilesWithNumberDateAndBooleanCellsImport() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let code = USCC.numbered(210)
            let header = Self.header.split(separator: ",").map { SheetCell.text(String($0)) }
            let register = try XLSXWriter.write([SheetTable(name: "企业", rows: [
                header,
                [.text("无锡芯测半导体有限公司"), .text(code), .integer(3976), .text("ZS-JCDL"), .bool(true), .text("链主"), .empty, .empty],
                [.text("无锡新吴光电有限公司"), .text(USCC.numbered(211)), .number(3976), .text("XW"), .bool(false), .empty, .text("新吴区"), .empty],
            ])])
            let (_, job) = try await driver.viaPage("enterprises", fileName: "企业.xlsx", data: register)
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["inserted"] as? Int, 2)
            let chip = try await enterprise(app, code: code)
            XCTAssertEqual(chip.industryCode, "3976", "a numeric cell is read as the code's digits")
            XCTAssertTrue(chip.aboveScale, "a TRUE cell is 是")
            XCTAssertEqual(chip.tier, "chainLeader")
            let optics = try await enterprise(app, code: USCC.numbered(211))
            XCTAssertFalse(optics.aboveScale)
            XCTAssertEqual(optics.industryCode, "3976")
            XCTAssertEqual(optics.address, "新吴区")

            let figuresHeader = Self.indicatorHeader.split(separator: ",").map { SheetCell.text(String($0)) }
            let figures = try XLSXWriter.write([SheetTable(name: "指标", rows: [
                figuresHeader,
                // What Excel makes of a typed 2025-03: a date on the first of the month.
                [.text(code), .text("无锡芯测半导体有限公司"), .date(year: 2025, month: 3, day: 1), .integer(12345), .number(23456), .empty, .empty, .integer(36), .integer(2)],
                [.text(code), .empty, .text("2025-04"), .integer(13000), .empty, .integer(800), .empty, .empty, .empty],
            ])])
            let (_, figuresJob) = try await driver.viaAPI("indicators", fileName: "指标.xlsx", data: figures)
            XCTAssertEqual(figuresJob["status"] as? String, "succeeded", "\(figuresJob)")
            XCTAssertEqual(figuresJob["inserted"] as? Int, 2)
            XCTAssertEqual(figuresJob["message"] as? String, "已导入 2 条企业月度指标")
            let march = try await month(app, chip.id!, "2025-03")
            XCTAssertEqual(march.revenue, 12345)
            XCTAssertEqual(march.outputValue, 23456)
            XCTAssertNil(march.tax)
            XCTAssertEqual(march.employees, 36)
            XCTAssertEqual(march.inventionPatents, 2)
            let april = try await month(app, chip.id!, "2025-04")
            XCTAssertEqual(april.revenue, 13000)
            XCTAssertEqual(april.tax, 800)
            XCTAssertNil(april.employees)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity = 'enterprise_indicator' AND action = 'create'"), 0)
            let record = try await Probe.importRecord(app)
            XCTAssertEqual(record["written"] as? Int, 2, "the two new months are the import's own row")
        }
    }

    // MARK: Bad files

    func testAFileWithBadRowsReportsEveryOneAndWritesNothing() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let closed = try await office.createUnit("已撤销的专班", kind: "taskForce", parent: fixtures.zone, code: "OLD-ZB")
            Check.equal(try await office.send(.POST, Site.API.unitDeactivate(closed)).status, .ok)
            _ = try await office.createUnit("集成电路招商团队", kind: "attractionTeam", parent: fixtures.board) // a second unit of that name
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let good = USCC.numbered(220)
            let short = String(USCC.numbered(221).dropLast())
            let wrongCheck = USCC.withWrongCheck(USCC.numbered(222))
            let lines = [
                Self.header,
                "好企业,\(good),3976,ZS-JCDL,是,,,",
                ",\(USCC.numbered(223)),3976,ZS-JCDL,,,,",
                "短代码企业,\(short),3976,ZS-JCDL,,,,",
                "校验位错企业,\(wrongCheck.code),3976,ZS-JCDL,,,,",
                "禁用字母企业,91350100I000100Y43,3976,ZS-JCDL,,,,",
                "行业错企业,\(USCC.numbered(224)),A3976,ZS-JCDL,,,,",
                "单位错企业,\(USCC.numbered(225)),3976,不存在的单位,,,,",
                "停用单位企业,\(USCC.numbered(226)),3976,OLD-ZB,,,,",
                "空单位企业,\(USCC.numbered(227)),3976,,,,,",
                "规上错企业,\(USCC.numbered(228)),3976,ZS-JCDL,可能,,,",
                "层级错企业,\(USCC.numbered(229)),3976,ZS-JCDL,,龙头,,",
                "重复企业,\(good.lowercased()),3976,ZS-JCDL,,,,",
                "同名单位企业,\(USCC.numbered(230)),3976,集成电路招商团队,,,,",
                "多处错误,,98,,,,,",
            ]
            let enterprises = try await Probe.count(app, "enterprises")
            let audits = try await Probe.count(app, "audit_log", where: "entity IN ('enterprise', 'import')")
            let (id, job) = try await driver.viaPage("enterprises", fileName: "有错误的企业.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(job["status"] as? String, "failed")
            XCTAssertEqual(job["inserted"] as? Int, 0)
            let expected = [
                E(3, "企业名称", "", "请填写企业名称"),
                E(4, "统一社会信用代码", short, "统一社会信用代码应为 18 位，实际为 17 位"),
                E(5, "统一社会信用代码", wrongCheck.code, wrongCheck.message),
                E(6, "统一社会信用代码", "91350100I000100Y43", "第 9 位“I”不是统一社会信用代码允许的字符（数字及除 I、O、S、V、Z 外的大写字母）"),
                E(7, "行业代码", "A3976", "门类字母“A”与大类不符，应为“C”"),
                E(8, "所属单位", "不存在的单位", "找不到该单位（请填写单位编码或名称）"),
                E(9, "所属单位", "OLD-ZB", "单位已停用"),
                E(10, "所属单位", "", "必填"),
                E(11, "规上", "可能", "规上应为“是”或“否”"),
                E(12, "层级", "龙头", "层级只能是：链主、准链主、骨干、新锐"),
                E(13, "统一社会信用代码", good.lowercased(), "与第 2 行的统一社会信用代码重复"),
                E(14, "所属单位", "集成电路招商团队", "有 2 个同名单位，请改用单位编码"),
                E(15, "统一社会信用代码", "", "请填写统一社会信用代码"),
                E(15, "行业代码", "98", "行业代码“98”的大类不存在"),
                E(15, "所属单位", "", "必填"),
            ]
            XCTAssertEqual(ImportDriver.errors(job), expected)
            XCTAssertEqual(job["message"] as? String, "发现 \(expected.count) 处问题，未写入任何数据。请修改后重新导入。")
            Check.equal(try await Probe.count(app, "enterprises"), enterprises, "nothing written, not even the good row")
            Check.equal(try await Probe.count(app, "audit_log", where: "entity IN ('enterprise', 'import')"), audits, "no audit row")

            let errors = try await driver.browser.get(Site.jobErrors(id, format: "csv"))
            XCTAssertEqual(errors.status, .ok)
            let rows = try CSVFormat.read(errors.bodyData).rows.map { $0.map(\.text) }
            XCTAssertEqual(Array(rows.dropFirst()), expected.map { ["\($0.row)", $0.column, $0.value, $0.reason] }, "the error file lists the same rows")

            // Missing required columns are reported against the header.
            let (_, columns) = try await driver.viaAPI("enterprises", fileName: "缺列.csv", data: ImportDriver.csv(["企业名称,法人代表", "某企业,张三"]))
            XCTAssertEqual(columns["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(columns), [
                E(1, "统一社会信用代码", "", "缺少必填列“统一社会信用代码”"),
                E(1, "行业代码", "", "缺少必填列“行业代码”"),
                E(1, "所属单位", "", "缺少必填列“所属单位”"),
                E(1, "法人代表", "法人代表", "无法识别的列，请使用模板中的列名"),
            ])
            Check.equal(try await Probe.count(app, "enterprises"), enterprises)
        }
    }

    // MARK: Updating by credit code

    func testASecondImportUpdatesByCreditCodeAndUnchangedRowsWriteNothing() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (c1, c2, c3, c4) = (USCC.numbered(240), USCC.numbered(241), USCC.numbered(242), USCC.numbered(243))
            let chip = "无锡芯测半导体有限公司,\(c1),3976,ZS-JCDL,是,骨干,无锡市新吴区长江路,首批"
            let green = "宜兴环保科技有限公司,\(c3),39,WXGX,否,新锐,,"
            let first = [Self.header, chip, "江阴新材料有限公司,\(c2),2651,XW,否,,,", green]
            let (_, firstJob) = try await driver.viaPage("enterprises", fileName: "第一次.csv", data: ImportDriver.csv(first))
            XCTAssertEqual(firstJob["inserted"] as? Int, 3, "\(firstJob)")
            let materialsID = try await enterprise(app, code: c2).id!
            let enterprises = try await Probe.count(app, "enterprises")
            let enterpriseAudits = try await Probe.count(app, "audit_log", where: "entity = 'enterprise'")

            // The yearly refresh: one enterprise changed, two unchanged (one with its code in lower case), one new.
            let second = [Self.header, chip, "江阴新材料股份有限公司,\(c2),2651,XW,是,,,2025 年升规",
                          green.replacingOccurrences(of: c3, with: c3.lowercased()), "锡山镕金新材料有限公司,\(c4),3240,ZS-JCDL,否,,,"]
            let (_, secondJob) = try await driver.viaAPI("enterprises", fileName: "第二次.csv", data: ImportDriver.csv(second))
            XCTAssertEqual(secondJob["status"] as? String, "succeeded", "\(secondJob)")
            XCTAssertEqual(secondJob["inserted"] as? Int, 2, "the changed and the new enterprise")
            XCTAssertEqual(secondJob["message"] as? String, "已导入 2 条企业名录（共 4 行，其余 2 行与现有数据相同，未改动）")
            Check.equal(try await Probe.count(app, "enterprises"), enterprises + 1, "the known code is no new enterprise")
            let materials = try await enterprise(app, code: c2)
            XCTAssertEqual(materials.id, materialsID)
            XCTAssertEqual(materials.name, "江阴新材料股份有限公司")
            XCTAssertTrue(materials.aboveScale)
            XCTAssertEqual(materials.note, "2025 年升规")
            let updates = try await Stored.audit(app, entity: "enterprise", action: "update", entityID: materialsID)
            XCTAssertEqual(updates.count, 1)
            XCTAssertEqual(updates.first?.summary, "导入更新企业“江阴新材料股份有限公司”")
            let before = try parseJSONObject(updates.first?.beforeJSON), after = try parseJSONObject(updates.first?.afterJSON)
            XCTAssertEqual(before["name"] as? String, "江阴新材料有限公司")
            XCTAssertEqual(after["name"] as? String, "江阴新材料股份有限公司")
            XCTAssertEqual(before["aboveScale"] as? Bool, false)
            XCTAssertEqual(after["aboveScale"] as? Bool, true)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity = 'enterprise' AND action = 'update'"), 1, "unchanged rows leave no audit row")
            Check.equal(try await Probe.count(app, "audit_log", where: "entity = 'enterprise'"), enterpriseAudits + 2)

            // The same file again changes nothing at all.
            let (_, again) = try await driver.viaAPI("enterprises", fileName: "第二次.csv", data: ImportDriver.csv(second))
            XCTAssertEqual(again["status"] as? String, "succeeded", "\(again)")
            XCTAssertEqual(again["inserted"] as? Int, 0)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity = 'enterprise'"), enterpriseAudits + 2)
            Check.equal(try await Probe.count(app, "enterprises"), enterprises + 1)
        }
    }

    // MARK: Monthly figures

    /// More rows than one statement carries: every month lands, a re-import of the same file
    /// changes and audits nothing, a changed month is audited alone, and the job ends at total.
    func testALargeIndicatorImportWritesEveryChunkAndAuditsOnlyChanges() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            var codes: [String] = [], ids: [Int] = []
            for n in 0..<5 {
                codes.append(USCC.numbered(400 + n))
                ids.append(try await office.createEnterprise("批量月报企业\(n)", code: codes[n], unit: fixtures.team))
            }
            let months = (0..<240).map { String(format: "%04d-%02d", 2005 + $0 / 12, 1 + $0 % 12) }
            var lines = [Self.indicatorHeader]
            for (n, code) in codes.enumerated() {
                for (m, month) in months.enumerated() { lines.append("\(code),,\(month),\(1000 + n * 1000 + m),,,,,") }
            }
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, first) = try await driver.viaAPI("indicators", fileName: "二十年月报.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(first["status"] as? String, "succeeded", "\(first)")
            XCTAssertEqual(first["inserted"] as? Int, 1200)
            XCTAssertEqual(first["progress"] as? Int, first["total"] as? Int, "a finished job shows its whole count")
            XCTAssertEqual(first["total"] as? Int, 1200, "the records written, counted into the row (on SQLite from the job's beacon)")
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 1200)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity = 'enterprise_indicator'"), 0, "new months are audited by the import's own row")
            Check.equal(try await month(app, ids[4], "2024-12").revenue, Int64(1000 + 4 * 1000 + 239))

            lines[777] = lines[777].replacingOccurrences(of: ",,,,,", with: ",,,,7,")
            let (_, second) = try await driver.viaAPI("indicators", fileName: "二十年月报（改一处）.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(second["status"] as? String, "succeeded", "\(second)")
            XCTAssertEqual(second["inserted"] as? Int, 1)
            XCTAssertEqual(second["message"] as? String, "已导入 1 条企业月度指标（共 1200 行，其余 1199 行与现有数据相同，未改动）")
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 1200)
            let updates = try await Stored.audit(app, entity: "enterprise_indicator", action: "update")
            XCTAssertEqual(updates.count, 1, "only the changed month is rewritten and audited")
            XCTAssertEqual(try parseJSONObject(updates.first?.afterJSON)["employees"] as? Int, 7)
            XCTAssertNil(try parseJSONObject(updates.first?.beforeJSON)["employees"] as? Int)
        }
    }

    /// The list's own export, edited and imported back: the edit lands, the 状态 column is
    /// skipped, and what the export does not carry (地址, 备注) is left as it was.
    func testTheListExportImportsBackAndKeepsWhatItDoesNotCarry() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let code = USCC.numbered(520)
            let id = try await office.createEnterprise("往返测试科技有限公司", code: code, unit: fixtures.team)
            let minus = try await office.createEnterprise("-负号开头科技有限公司", code: USCC.numbered(521), unit: fixtures.team)
            let patched = try await office.send(.PATCH, Site.API.enterprise(id), body: ["address": "无锡市新吴区菱湖大道 200 号", "note": "重点跟踪"])
            XCTAssertEqual(patched.status, .ok, patched.text)
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let exported = try await driver.browser.get(Site.enterprisesExport + "?format=csv")
            XCTAssertEqual(exported.status, .ok)
            let text = String(decoding: exported.bodyData, as: UTF8.self)
            XCTAssertTrue(text.contains("状态"), "the export shows the status column")
            let edited = text.replacingOccurrences(of: "往返测试科技有限公司", with: "往返测试科技股份有限公司")
            XCTAssertNotEqual(edited, text)
            let (_, job) = try await driver.viaPage("enterprises", fileName: "企业名录（编辑后）.csv", data: Data(edited.utf8))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let stored = try await Probe.enterprise(app, id)
            XCTAssertEqual(stored.name, "往返测试科技股份有限公司")
            XCTAssertEqual(stored.address, "无锡市新吴区菱湖大道 200 号", "a column the file lacks is kept")
            XCTAssertEqual(stored.note, "重点跟踪")
            XCTAssertEqual(stored.unitID, fixtures.team)
            XCTAssertTrue(text.contains("'-负号开头科技有限公司"), "the export guards a formula-like name")
            Check.equal(try await Probe.enterprise(app, minus).name, "-负号开头科技有限公司", "and the import takes the guard off")
        }
    }

    /// Correcting one figure — by a file with only that column, or by the page's form, which
    /// starts empty — keeps the month's other figures; a 企业名称 that is not the code's is refused.
    func testCorrectingOneFigureKeepsTheOthers() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let code = USCC.numbered(530)
            let id = try await office.createEnterprise("更正测试电子有限公司", code: code, unit: fixtures.team)
            Check.equal(try await office.send(.PUT, Site.API.enterpriseIndicator(id, "2025-02"),
                                              body: ["revenue": 100, "tax": 5, "employees": 30]).status, .ok)
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaAPI("indicators", fileName: "只改营收.csv", data: ImportDriver.csv([
                "统一社会信用代码,企业名称,月份,营业收入（万元）", "\(code),更正测试,2025-02,150",
            ]))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            var stored = try await month(app, id, "2025-02")
            XCTAssertEqual([stored.revenue, stored.tax], [150, 5])
            XCTAssertEqual(stored.employees, 30, "a column the file lacks keeps its figure")

            let form = try await driver.browser.post(Site.enterpriseIndicators(id), [("period", "2025-02"), ("tax", "7")])
            XCTAssertEqual(form.status, .seeOther, form.text)
            stored = try await month(app, id, "2025-02")
            XCTAssertEqual([stored.revenue, stored.tax], [150, 7], "the form's empty fields keep their figures")
            XCTAssertEqual(stored.employees, 30)

            let (_, wrong) = try await driver.viaAPI("indicators", fileName: "代码填错.csv", data: ImportDriver.csv([
                "统一社会信用代码,企业名称,月份,营业收入（万元）", "\(code),宜兴博创环保装备有限公司,2025-03,1",
            ]))
            XCTAssertEqual(wrong["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(wrong).first?.column, "企业名称")
            XCTAssertTrue(ImportDriver.errors(wrong).first?.reason.contains("更正测试电子有限公司") ?? false, "\(ImportDriver.errors(wrong))")
        }
    }

    /// The stored figures come out in the import's own format; edited, they import back.
    func testStoredFiguresExportInTheImportFormatAndImportBack() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let code = USCC.numbered(540)
            let id = try await office.createEnterprise("月报往返科技有限公司", code: code, unit: fixtures.team)
            for (period, revenue) in [("2025-01", 100), ("2025-02", 200)] {
                Check.equal(try await office.send(.PUT, Site.API.enterpriseIndicator(id, period), body: ["revenue": revenue, "employees": 12]).status, .ok)
            }
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let page = try await driver.browser.get(Site.imports)
            XCTAssertTrue(page.text.contains("现有数据（可修改后重新导入）"))
            let exported = try await driver.browser.get(Site.importData("indicators", format: "csv"))
            XCTAssertEqual(exported.status, .ok)
            let rows = try CSVFormat.read(exported.bodyData).rows.map { $0.map(\.text) }
            XCTAssertEqual(rows.first, SheetParsing.template(IndicatorRegister()).rows[0].map(\.text), "the template's headings")
            XCTAssertEqual(Array(rows.dropFirst()), [
                [code, "月报往返科技有限公司", "2025-01", "100", "", "", "", "12", ""],
                [code, "月报往返科技有限公司", "2025-02", "200", "", "", "", "12", ""],
            ])
            let oneMonth = try await driver.browser.get(Site.importData("indicators", format: "csv") + "&period=2025-02")
            XCTAssertEqual(try CSVFormat.read(oneMonth.bodyData).rows.count, 2, "the header and February")
            let edited = String(decoding: exported.bodyData, as: UTF8.self).replacingOccurrences(of: "2025-02,200,", with: "2025-02,250,")
            let (_, job) = try await driver.viaPage("indicators", fileName: "月报（更正）.csv", data: Data(edited.utf8))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["inserted"] as? Int, 1, "only February changed")
            Check.equal(try await month(app, id, "2025-02").revenue, 250)
            Check.equal(try await month(app, id, "2025-02").employees, 12)
            let bad = try await driver.browser.get(Site.importData("indicators", format: "csv") + "&period=2025-13")
            XCTAssertEqual(bad.status, .badRequest)
        }
    }

    func testIndicatorImportsReplaceMonthsAndRefuseEveryBadRow() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let (c1, c2) = (USCC.numbered(250), USCC.numbered(251))
            let chip = try await office.createEnterprise("无锡芯测半导体有限公司", code: c1, unit: fixtures.team)
            let pharma = try await office.createEnterprise("生命健康药业有限公司", code: c2, industry: "2720", unit: fixtures.otherTeam)
            Check.equal(try await office.send(.PUT, Site.API.enterpriseIndicator(chip, "2025-02"), body: ["revenue": 100]).status, .ok)
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let lines = [
                Self.indicatorHeader,
                "\(c1),无锡芯测,2025-02,150,,,,,",
                "\(c1),无锡芯测,2025年3月,12345,23456,789,1000,36,2",
                "\(c2.lowercased()),,202503,\"1,250\",,,,,",
            ]
            let (_, job) = try await driver.viaPage("indicators", fileName: "月报.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["inserted"] as? Int, 3)
            XCTAssertEqual(job["message"] as? String, "已导入 3 条企业月度指标")
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 3)
            Check.equal(try await month(app, chip, "2025-02").revenue, 150)
            let march = try await month(app, chip, "2025-03")
            XCTAssertEqual([march.revenue, march.outputValue, march.tax, march.rdExpense], [12345, 23456, 789, 1000])
            XCTAssertEqual(march.employees, 36)
            XCTAssertEqual(march.inventionPatents, 2)
            Check.equal(try await month(app, pharma, "2025-03").revenue, 1250, "a thousands separator is accepted")
            let replaced = try await Probe.audits(app, entity: "enterprise_indicator", entityID: "\(chip)/2025-02")
            XCTAssertEqual(replaced.map(\.action), ["create", "update"])
            XCTAssertEqual(try parseJSONObject(replaced.last?.beforeJSON)["revenue"] as? Int, 100, "the old figure is kept in the audit log")
            XCTAssertEqual(try parseJSONObject(replaced.last?.afterJSON)["revenue"] as? Int, 150)
            Check.equal(try await Probe.audits(app, entity: "enterprise_indicator", entityID: "\(chip)/2025-03").map(\.action), [],
                        "a month the file reports first is audited by the import's own row")

            let unregistered = USCC.numbered(259)
            let bad = [
                Self.indicatorHeader,
                "\(c1),,2025-04,100,,,,,",
                "\(unregistered),未登记企业,2025-04,100,,,,,",
                "\(c1),,2025-4,200,,,,,",
                "\(c1),,2026-10,1,,,,,",
                "\(c1),,2025-13,1,,,,,",
                "\(c1),,2025-05,-5,,,,,",
                "\(c1),,2025-06,12.5,,,,,",
                "\(c1),,2025-07,,abc,,,,",
                "\(c1),,2025-08,,,,,,",
                ",,2025-08,1,,,,,",
                "\(c1),,2025-09,,,,,-1,",
                "\(c1),,,1,,,,,",
            ]
            let indicators = try await Probe.count(app, "enterprise_indicators")
            let audits = try await Probe.count(app, "audit_log", where: "entity IN ('enterprise_indicator', 'import')")
            let (_, failed) = try await driver.viaAPI("indicators", fileName: "有错误的月报.csv", data: ImportDriver.csv(bad))
            XCTAssertEqual(failed["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(failed), [
                E(3, "统一社会信用代码", unregistered, "该企业尚未登记，请先导入企业名录"),
                E(4, "月份", "2025-4", "与第 2 行是同一企业同一月份"),
                E(5, "月份", "2026-10", "不能填报未来月份 2026-10"),
                E(6, "月份", "2025-13", "月份“2025-13”格式不对，应为 YYYY-MM，如 2025-03"),
                E(7, "营业收入（万元）", "-5", "营业收入（万元）不能为负数"),
                E(8, "营业收入（万元）", "12.5", "应为整数（金额单位为万元，不带小数）"),
                E(9, "工业产值（万元）", "abc", "应为数字"),
                E(10, "营业收入（万元）", "", "请至少填写一项指标"),
                E(11, "统一社会信用代码", "", "必填"),
                E(12, "从业人员（人）", "-1", "从业人员（人）应为 0 到 10000000 之间的整数"),
                E(13, "月份", "", "请填写月份"),
            ])
            Check.equal(try await Probe.count(app, "enterprise_indicators"), indicators, "not even the good first row")
            Check.equal(try await Probe.count(app, "audit_log", where: "entity IN ('enterprise_indicator', 'import')"), audits)
        }
    }

    // MARK: Who may import

    func testTheUnitRoleImportsOnlyForItsOwnSubtree() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let foreignCode = USCC.numbered(260), ownCode = USCC.numbered(261)
            let foreign = try await office.createEnterprise("生命健康药业有限公司", code: foreignCode, industry: "2720", unit: fixtures.otherTeam)
            let own = try await office.createEnterprise("无锡芯测半导体有限公司", code: ownCode, unit: fixtures.team)
            let below = try await office.createUnit("集成电路设计组", kind: "attractionTeam", parent: fixtures.team, code: "ZS-JCDL-SJ")

            let driver = try await ImportDriver.signedIn(.unit, app: app, fixtures: fixtures)
            let page = try await driver.browser.get(Site.imports)
            for register in ["enterprises", "indicators"] {
                XCTAssertTrue(page.text.contains("action=\"\(Site.importUpload(register))\""), "the unit role may import \(register)")
            }
            for register in ["units", "users"] {
                XCTAssertFalse(page.text.contains("action=\"\(Site.importUpload(register))\""), "…but not \(register)")
            }
            let enterprises = try await Probe.count(app, "enterprises")
            let audits = try await Probe.count(app, "audit_log", where: "entity IN ('enterprise', 'enterprise_indicator', 'import')")
            let (_, refused) = try await driver.viaPage("enterprises", fileName: "越权.csv", data: ImportDriver.csv([
                Self.header,
                "本团队企业,\(USCC.numbered(262)),3976,ZS-JCDL,,,,",
                "越权企业,\(USCC.numbered(263)),3976,ZS-SMJK,,,,",
                "生命健康药业有限公司,\(foreignCode),2720,ZS-JCDL,,,,",
                "上级单位企业,\(USCC.numbered(264)),3976,WXGX,,,,",
            ]))
            XCTAssertEqual(refused["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(refused), [
                E(3, "所属单位", "ZS-SMJK", "只能导入本单位或下级单位的企业"),
                E(4, "统一社会信用代码", foreignCode, "该企业已登记在“生命健康招商团队”，不属于本单位，不能修改"),
                E(5, "所属单位", "WXGX", "只能导入本单位或下级单位的企业"),
            ])
            let (_, figures) = try await driver.viaAPI("indicators", fileName: "越权月报.csv", data: ImportDriver.csv([
                Self.indicatorHeader, "\(ownCode),,2025-03,100,,,,,", "\(foreignCode),,2025-03,100,,,,,",
            ]))
            XCTAssertEqual(figures["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(figures), [E(3, "统一社会信用代码", foreignCode, "该企业属于“生命健康招商团队”，不能填报")])
            Check.equal(try await Probe.count(app, "enterprises"), enterprises)
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 0)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity IN ('enterprise', 'enterprise_indicator', 'import')"), audits)
            let stored = try await Probe.enterprise(app, foreign)
            XCTAssertEqual(stored.unitID, fixtures.otherTeam)
            XCTAssertEqual(stored.name, "生命健康药业有限公司")

            // Its own unit and the unit below it are fine, as are its own enterprise's figures.
            let (_, accepted) = try await driver.viaPage("enterprises", fileName: "本团队.csv", data: ImportDriver.csv([
                Self.header, "本团队企业,\(USCC.numbered(262)),3976,ZS-JCDL,,,,", "设计组企业,\(USCC.numbered(265)),6520,ZS-JCDL-SJ,,,,",
            ]))
            XCTAssertEqual(accepted["status"] as? String, "succeeded", "\(accepted)")
            Check.equal(try await enterprise(app, code: USCC.numbered(265)).unitID, below)
            let (_, ownFigures) = try await driver.viaAPI("indicators", fileName: "本团队月报.csv", data: ImportDriver.csv([
                Self.indicatorHeader, "\(ownCode),,2025-03,100,,,,,",
            ]))
            XCTAssertEqual(ownFigures["status"] as? String, "succeeded", "\(ownFigures)")
            Check.equal(try await month(app, own, "2025-03").revenue, 100)
            Check.equal(try await Probe.lastAudit(app, entity: "enterprise", id: try await enterprise(app, code: USCC.numbered(262)).id!)?.actorId,
                        fixtures.users[.unit])

            // Registers it does not write stay closed, and so does the page for roles that import nothing
            // (leaders); park users import their parks' registers, so they see the page but not the enterprises.
            let units = ImportDriver.csv(["单位名称,单位类型,上级单位", "越权单位,部门,ZS-JCDL"])
            Check.equal(try await driver.browser.upload(Site.importUpload("units"), fileName: "u.csv", data: units).status, .forbidden)
            Check.equal(try SeenAPIError(try await driver.api.upload(Site.API.importUpload("units"), fileName: "u.csv", data: units)).code, "forbidden")
            for role in [Role.park, .leader] {
                let browser = try await Browser.signedIn(app, as: role)
                Check.equal(try await browser.get(Site.imports).status, role == .park ? .ok : .forbidden, "\(role)")
                Check.equal(try await browser.get(Site.importTemplate("enterprises", format: "xlsx")).status, .forbidden, "\(role)")
                let api = try await APIClient.forRole(role, app: app, fixtures: fixtures)
                let upload = try await api.upload(Site.API.importUpload("enterprises"), fileName: "e.csv", data: ImportDriver.csv([Self.header]))
                Check.equal(upload.status, .forbidden, "\(role)")
            }
        }
    }

    // MARK: Templates

    func testTheTemplatesHaveChineseHeadingsAndExampleRowsThatImportOnceEdited() async throws {
        try await withApp { app, fixtures in
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let template = try await office.browser.get(Site.importTemplate("enterprises", format: "xlsx"))
            XCTAssertEqual(template.status, .ok)
            let disposition = template.headers.first(name: .contentDisposition) ?? ""
            XCTAssertEqual((disposition.components(separatedBy: "filename*=UTF-8''").last ?? "").removingPercentEncoding, "企业名录导入模板.xlsx", disposition)
            let rows = try XCTUnwrap(try XLSXReader.read(template.bodyData).first).rows
            XCTAssertEqual(rows.first?.map(\.text), ["企业名称*", "统一社会信用代码*", "行业代码*", "所属单位*", "规上", "层级", "地址", "备注"])
            XCTAssertEqual(rows.count, 2)
            let example = try XCTUnwrap(rows.last?.map(\.text))
            let exampleCode = try XCTUnwrap(example.dropFirst().first)
            XCTAssertNoThrow(try CreditCode.parse(exampleCode).get(), "the example code passes the check-character rule")
            let csvTemplate = try await office.browser.get(Site.importTemplate("enterprises", format: "csv"))
            XCTAssertEqual(csvTemplate.status, .ok)
            XCTAssertEqual(try CSVFormat.read(csvTemplate.bodyData).rows.map { $0.map(\.text) }, rows.map { $0.map(\.text) })

            // Code, unit and month columns are Text in Excel (0112 stays 0112); figures stay numbers.
            XCTAssertEqual(SheetParsing.template(EnterpriseRegister()).textColumns, [0, 1, 2, 3, 5, 6, 7])
            XCTAssertEqual(SheetParsing.template(IndicatorRegister()).textColumns, [0, 1, 2])
            let (_, unchanged) = try await office.viaPage("enterprises", fileName: "企业名录导入模板.xlsx", data: template.bodyData)
            XCTAssertEqual(unchanged["status"] as? String, "failed", "the example row unchanged is refused")
            let (_, job) = try await office.viaPage("enterprises", fileName: "企业名录.xlsx", data: try ImportTests.edited(template.bodyData, column: 6, to: "无锡市新吴区长江路 7 号"))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let imported = try await enterprise(app, code: exampleCode)
            XCTAssertEqual(imported.name, example[0])
            XCTAssertEqual(imported.unitID, fixtures.board, "the example names the unit XW")
            XCTAssertEqual(imported.industryCode, example[2])
            XCTAssertTrue(imported.aboveScale)
            XCTAssertEqual(imported.tier, "backbone")

            let figures = try await office.browser.get(Site.importTemplate("indicators", format: "xlsx"))
            XCTAssertEqual(figures.status, .ok)
            let figureRows = try XCTUnwrap(try XLSXReader.read(figures.bodyData).first).rows
            XCTAssertEqual(figureRows.first?.map(\.text), ["统一社会信用代码*", "企业名称", "月份*", "营业收入（万元）", "工业产值（万元）", "税收（万元）",
                                                           "研发费用（万元）", "从业人员（人）", "发明专利（件）"])
            XCTAssertEqual(figureRows.last?.first?.text, exampleCode, "both templates describe the same example enterprise")
            let (_, figuresUnchanged) = try await office.viaAPI("indicators", fileName: "企业月度指标导入模板.xlsx", data: figures.bodyData)
            XCTAssertEqual(figuresUnchanged["status"] as? String, "failed")
            let (_, figuresJob) = try await office.viaAPI("indicators", fileName: "月度指标.xlsx", data: try ImportTests.edited(figures.bodyData, column: 3, to: "1260"))
            XCTAssertEqual(figuresJob["status"] as? String, "succeeded", "\(figuresJob)")
            let march = try await month(app, imported.id!, "2025-03")
            XCTAssertEqual(march.revenue, 1260)
            XCTAssertEqual(march.employees, 36)

            // The unit role, which writes enterprises, downloads the template too.
            let unit = try await Browser.signedIn(app, as: .unit)
            Check.equal(try await unit.get(Site.importTemplate("enterprises", format: "csv")).status, .ok)
        }
    }

    /// 企业名称,统一社会信用代码,行业代码,所属单位,规上,层级,地址,备注 /
    /// 𠮷祥精密机械有限公司,91320214MA1GB18000,C3484,XW,是,骨干,无锡市新吴区长江路,四字节的字 /
    /// 锡山镕金新材料有限公司,91320214MA1GB18013,3240,ZS-JCDL,否,,,“引号”与，全角逗号 — encoded as GB18030
    /// (by Python's codec; 𠮷 takes four bytes).
    static let gb18030Hex = "c6f3d2b5c3fbb3c62ccdb3d2bbc9e7bbe1d0c5d3c3b4fac2eb2cd0d0d2b5b4fac2eb2ccbf9caf4b5a5cebb2cb9e6c9cf2cb2e3bcb62cb5d8d6b72cb1b8d7a20d0a9534b235cfe9beabc3dcbbfad0b5d3d0cfdeb9abcbbe2c39313332303231344d4131474231383030302c43333438342c58572ccac72cb9c7b8c92ccedecefdcad0d0c2cee2c7f8b3a4bdadc2b72ccbc4d7d6bddab5c4d7d60d0acefdc9bde946bdf0d0c2b2c4c1cfd3d0cfdeb9abcbbe2c39313332303231344d4131474231383031332c333234302c5a532d4a43444c2cb7f12c2c2ca1b0d2fdbac5a1b1d3eba3acc8abbdc7b6babac50d0a"
}
