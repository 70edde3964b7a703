import Fluent
import GaoxinDomain
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// Importing units: every good file is written whole (with its audit rows) in UTF-8 with or
/// without BOM and in GBK/GB18030; a file with bad rows writes nothing and reports every one.
final class ImportTests: XCTestCase {
    typealias E = ImportDriver.RowError
    static let header = "单位名称,单位类型,上级单位,单位编码,排序号,备注"

    /// A small tree: a centre under an existing unit, and two groups whose parent is that centre,
    /// once by code and once by name (rows earlier in the same file).
    static let goodLines = [
        header,
        "新吴区招商中心,部门,XW,XW-ZSZX,1,片区招商",
        "一组,招商团队,XW-ZSZX,XW-ZS1,2,",
        "二组,招商团队,新吴区招商中心,,3,\"含逗号, 与\"\"引号\"\"\"",
    ]

    func testAGoodCSVImportsThroughThePageWithAndWithoutBOM() async throws {
        for bom in [true, false] {
            try await withApp { app, fixtures in
                let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
                let units = try await Probe.count(app, "units"), unitAudits = try await Probe.auditCount(app, entity: "unit")
                let (id, job) = try await driver.viaPage("units", fileName: "单位.csv", data: ImportDriver.csv(Self.goodLines, bom: bom))
                XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
                XCTAssertEqual(job["inserted"] as? Int, 3)
                XCTAssertEqual(job["message"] as? String, "已导入 3 条组织单位")
                XCTAssertEqual(ImportDriver.errors(job), [])
                Check.equal(try await Probe.count(app, "units"), units + 3, "BOM \(bom)")
                Check.equal(try await Probe.auditCount(app, entity: "unit"), unitAudits + 3, "one audit row per unit")
                Check.equal(try await Probe.auditCount(app, entity: "import"), 1, "and one for the import")
                let record = try await Probe.importRecord(app)
                XCTAssertEqual(record["sha256"] as? String, Probe.sha256(ImportDriver.csv(Self.goodLines, bom: bom)), "the import's row names the file by its checksum")
                XCTAssertEqual(record["rows"] as? Int, 3)
                XCTAssertEqual(record["written"] as? Int, 3)
                XCTAssertEqual(record["unchanged"] as? Int, 0)

                let all = try await OrgUnit.query(on: app.db).all()
                let centre = try XCTUnwrap(all.first { $0.name == "新吴区招商中心" }, "BOM \(bom): the first heading must not carry the BOM")
                let one = try XCTUnwrap(all.first { $0.name == "一组" })
                let two = try XCTUnwrap(all.first { $0.name == "二组" })
                XCTAssertEqual(centre.parentID, fixtures.board)
                XCTAssertEqual(centre.code, "XW-ZSZX")
                XCTAssertEqual(centre.note, "片区招商")
                XCTAssertEqual(one.parentID, centre.id)
                XCTAssertEqual(two.parentID, centre.id)
                XCTAssertEqual(one.kind, "attractionTeam")
                XCTAssertEqual(two.sortOrder, 3)
                XCTAssertEqual(two.note, "含逗号, 与\"引号\"")
                XCTAssertNil(two.code)
                try await Probe.assertTreeConsistent(app)

                let page = try await driver.browser.get(Site.job(id))
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.text.contains("data-status=\"succeeded\""))
                XCTAssertTrue(page.text.contains("已导入 3 条组织单位"))
                XCTAssertTrue(page.text.contains("导入组织单位"), "the page says what was imported")
                XCTAssertTrue(page.text.contains("单位.csv"), "and from which file")
                XCTAssertEqual(job["fileName"] as? String, "单位.csv")
                XCTAssertTrue(page.text.contains("100%"), "a finished import shows a full bar")
            }
        }
    }

    func testGBKAndGB18030FilesFromChineseWindowsImport() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let gbk = ImportDriver.bytes(hex: Self.gbkHex)
            XCTAssertNil(String(data: gbk, encoding: .utf8), "the file really is not UTF-8")
            let (_, job) = try await driver.viaAPI("units", fileName: "wps-export.csv", data: gbk)
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["inserted"] as? Int, 2)
            let huishan = try Check.unwrap(try await OrgUnit.query(on: app.db).filter(\.$code == "HS-ZS").first())
            XCTAssertEqual(huishan.name, "惠山招商组")
            XCTAssertEqual(huishan.note, "来自WPS的GBK文件")
            XCTAssertEqual(huishan.parentID, fixtures.board)
            let xishan = try Check.unwrap(try await OrgUnit.query(on: app.db).filter(\.$name == "锡山镕金专班").first())
            XCTAssertEqual(xishan.kind, "taskForce")
            XCTAssertEqual(xishan.parentID, huishan.id)
            XCTAssertEqual(xishan.note, "“引号”与，全角逗号")

            // A character GBK lacks, in GB18030's four-byte form.
            let (_, four) = try await driver.viaPage("units", fileName: "gb18030.csv", data: ImportDriver.bytes(hex: Self.gb18030Hex))
            XCTAssertEqual(four["status"] as? String, "succeeded", "\(four)")
            let rare = try Check.unwrap(try await OrgUnit.query(on: app.db).filter(\.$code == "GB-4B").first())
            XCTAssertEqual(rare.name, "𠮷祥招商组")
        }
    }

    func testTheAPIAcceptsMultipartAndARawBodyWith202() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let raw = try await api.send(.POST, Site.API.importUpload("units"), headers: ["Content-Type": "text/csv"], body: ImportDriver.csv([Self.header, "原始请求体导入组,部门,XW,RAW-1,,"]))
            XCTAssertEqual(raw.status, .accepted, raw.text)
            let accepted = try api.object(raw)
            XCTAssertTrue(["queued", "running", "succeeded"].contains(accepted["status"] as? String ?? ""), "\(accepted)")
            let job = try await api.waitForJob(try XCTUnwrap(accepted["id"] as? Int))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            Check.equal(try await Probe.count(app, "units", where: "code = 'RAW-1'"), 1)
            let empty = try SeenAPIError(try await api.send(.POST, Site.API.importUpload("units")))
            XCTAssertEqual(empty.status, .badRequest)
            XCTAssertEqual(empty.message, "请选择要导入的文件")
        }
    }

    func testAFileWithBadRowsReportsEveryOneAndWritesNothing() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let units = try await Probe.count(app, "units"), audits = try await Probe.count(app, "audit_log", where: "entity IN ('unit', 'import')")
            let lines = [
                Self.header,
                "好的单位,部门,XW,GOOD-1,1,",
                ",部门,XW,,,",
                "坏类型单位,星球,XW,,,",
                "重复编码,部门,XW,XW,,",
                "找不到上级,部门,不存在的单位,,,",
                "排序错,部门,XW,,abc,",
                "好的单位,部门,XW,GOOD-2,,",
                "另一个好单位,部门,好的单位,GOOD-1,,",
            ]
            let (id, job) = try await driver.viaPage("units", fileName: "有错误.csv", data: ImportDriver.csv(lines))
            XCTAssertEqual(job["status"] as? String, "failed")
            XCTAssertEqual(job["message"] as? String, "发现 7 处问题，未写入任何数据。请修改后重新导入。")
            XCTAssertEqual(job["inserted"] as? Int, 0)
            let expected = [
                E(3, "单位名称", "", "请填写单位名称"),
                E(4, "单位类型", "星球", "单位类型只能是：" + UnitKind.allCases.map(\.nameZh).joined(separator: "、")),
                E(5, "上级单位", "XW", "导入不调整上级单位（单位“新吴”在原上级单位下）；请在单位页面使用“移动”"),
                E(6, "上级单位", "不存在的单位", "找不到该单位（须为已有单位或本文件中前面的行）"),
                E(7, "排序号", "abc", "排序号应为 -1000000–1000000 之间的整数"),
                E(8, "单位名称", "好的单位", "同一上级单位下已有同名单位"),
                E(9, "单位编码", "GOOD-1", "与第 2 行的编码重复"),
            ]
            XCTAssertEqual(ImportDriver.errors(job), expected)
            Check.equal(try await Probe.count(app, "units"), units, "nothing written")
            Check.equal(try await Probe.count(app, "audit_log", where: "entity IN ('unit', 'import')"), audits, "no audit row")

            let page = try await driver.browser.get(Site.job(id))
            XCTAssertTrue(page.text.contains("有问题的行（共 7 处，未写入任何数据）"))
            XCTAssertTrue(page.text.contains("与第 2 行的编码重复"))
            let csv = try await driver.browser.get(Site.jobErrors(id, format: "csv"))
            XCTAssertEqual(csv.status, .ok)
            let csvRows = try CSVFormat.read(csv.bodyData).rows.map { $0.map(\.text) }
            XCTAssertEqual(csvRows.first, ["行号", "列", "值", "原因"])
            XCTAssertEqual(Array(csvRows.dropFirst()), expected.map { ["\($0.row)", $0.column, $0.value, $0.reason] })
            let xlsx = try await driver.browser.get(Site.jobErrors(id, format: "xlsx"))
            XCTAssertEqual(xlsx.status, .ok)
            let sheet = try XCTUnwrap(try XLSXReader.read(xlsx.bodyData).first)
            XCTAssertEqual(sheet.rows.count, expected.count + 1)
            XCTAssertEqual(sheet.rows[1].first, .integer(3), "row numbers are numbers")
            XCTAssertEqual(sheet.rows.last?.map(\.text), ["9", "单位编码", "GOOD-1", "与第 2 行的编码重复"])
        }
    }

    func testMissingAndUnknownColumnsAreReportedAgainstTheHeader() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let units = try await Probe.count(app, "units")
            let (_, job) = try await driver.viaAPI("units", fileName: "列不对.csv", data: ImportDriver.csv(["名称,上级单位,负责人", "某单位,XW,张三"]))
            XCTAssertEqual(job["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(job), [
                E(1, "单位名称", "", "缺少必填列“单位名称”"),
                E(1, "单位类型", "", "缺少必填列“单位类型”"),
                E(1, "名称", "名称", "无法识别的列，请使用模板中的列名"),
                E(1, "负责人", "负责人", "无法识别的列，请使用模板中的列名"),
            ])
            let (_, headerOnly) = try await driver.viaAPI("units", fileName: "只有标题.csv", data: ImportDriver.csv([Self.header]))
            XCTAssertEqual(headerOnly["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(headerOnly).first?.reason, "文件中只有标题行，没有数据")
            Check.equal(try await Probe.count(app, "units"), units)
        }
    }

    /// The template's example row with one cell changed, as xlsx.
    static func edited(_ template: Data, row: Int = 1, column: Int, to value: String) throws -> Data {
        var table = try XCTUnwrap(try XLSXReader.read(template).first)
        table.rows[row][column] = .text(value)
        return try XLSXWriter.write([table])
    }

    /// The example row is valid data (edited, it imports), but imported unchanged it is refused:
    /// it would create 张三 with a published password.
    func testTheTemplatesHaveChineseHeadingsAndAnExampleRowThatIsRefusedUnchanged() async throws {
        try await withApp { app, fixtures in
            let office = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let template = try await office.browser.get(Site.importTemplate("units", format: "xlsx"))
            XCTAssertEqual(template.status, .ok)
            let rows = try XCTUnwrap(try XLSXReader.read(template.bodyData).first).rows
            XCTAssertEqual(rows.first?.map(\.text), ["单位名称*", "单位类型*", "上级单位", "单位编码", "排序号", "备注", "系统编号"])
            XCTAssertEqual(rows.count, 2)
            XCTAssertEqual(rows[1].map(\.text), ["新吴区招商一组", "招商团队", "XW", "XW-ZS1", "10", "", ""])
            let csvTemplate = try await office.browser.get(Site.importTemplate("units", format: "csv"))
            XCTAssertEqual(try CSVFormat.read(csvTemplate.bodyData).rows.map { $0.map(\.text) }, rows.map { $0.map(\.text) })

            let (_, unchanged) = try await office.viaPage("units", fileName: "组织单位导入模板.xlsx", data: template.bodyData)
            XCTAssertEqual(unchanged["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(unchanged).map(\.reason), ["这一行是模板中的示例行，请删除或改成真实数据后再导入"])
            XCTAssertEqual(ImportDriver.errors(unchanged).first?.row, 2)
            let (_, job) = try await office.viaPage("units", fileName: "组织单位.xlsx", data: try Self.edited(template.bodyData, column: 0, to: "新吴区招商二组"))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let example = try Check.unwrap(try await OrgUnit.query(on: app.db).filter(\.$code == "XW-ZS1").first())
            XCTAssertEqual(example.name, "新吴区招商二组")
            XCTAssertEqual(example.parentID, fixtures.board)
            XCTAssertEqual(example.sortOrder, 10)

            // The users template's example names an existing unit and a valid password: edited, it imports.
            let admin = try await ImportDriver.signedIn(.admin, app: app, fixtures: fixtures)
            let users = try await admin.browser.get(Site.importTemplate("users", format: "xlsx"))
            let userRows = try XCTUnwrap(try XLSXReader.read(users.bodyData).first).rows
            XCTAssertEqual(userRows.first?.map(\.text), ["用户名*", "姓名*", "所属单位*", "角色*", "邮箱", "电话", "初始密码"])
            let (_, refused) = try await admin.viaAPI("users", fileName: "用户导入模板.xlsx", data: users.bodyData)
            XCTAssertEqual(refused["status"] as? String, "failed", "the example account with the published password is not created")
            let (_, userJob) = try await admin.viaAPI("users", fileName: "用户.xlsx", data: try Self.edited(users.bodyData, column: 6, to: "Another-Secret-2026"))
            XCTAssertEqual(userJob["status"] as? String, "succeeded", "\(userJob)")
            let zhang = try Check.unwrap(try await User.query(on: app.db).filter(\.$username == "zhangsan").first())
            XCTAssertEqual(zhang.displayName, "张三")
            XCTAssertEqual(zhang.unitID, fixtures.team)
            XCTAssertEqual(zhang.roleSet, [.unit])
        }
    }

    /// 单位名称,单位类型,上级单位,单位编码,排序号,备注 / 惠山招商组,招商团队,XW,HS-ZS,3,来自WPS的GBK文件 /
    /// 锡山镕金专班,专班,HS-ZS,,,“引号”与，全角逗号 — encoded as GBK.
    static let gbkHex = "b5a5cebbc3fbb3c62cb5a5cebbc0e0d0cd2cc9cfbcb6b5a5cebb2cb5a5cebbb1e0c2eb2cc5c5d0f2bac52cb1b8d7a20d0abbddc9bdd5d0c9ccd7e92cd5d0c9cccdc5b6d32c58572c48532d5a532c332cc0b4d7d4575053b5c447424bcec4bcfe0d0acefdc9bde946bdf0d7a8b0e02cd7a8b0e02c48532d5a532c2c2ca1b0d2fdbac5a1b1d3eba3acc8abbdc7b6babac50d0a"

    /// 单位名称,单位类型,上级单位,单位编码 / 𠮷祥招商组,招商团队,新吴,GB-4B — encoded as GB18030 (𠮷 takes four bytes).
    static let gb18030Hex = "b5a5cebbc3fbb3c62cb5a5cebbc0e0d0cd2cc9cfbcb6b5a5cebb2cb5a5cebbb1e0c2eb0d0a9534b235cfe9d5d0c9ccd7e92cd5d0c9cccdc5b6d32cd0c2cee22c47422d34420d0a"
}
