import GaoxinDomain
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// Export of the current filtered list as xlsx and CSV: the same rows as the list, in the same
/// order, with the screen's Chinese headings; readable by our reader, by openpyxl and LibreOffice.
final class ExportTests: XCTestCase {
    /// The import's columns (a parent by its code), then the shown-only ones, then the unit's id.
    static let unitHeader: [SheetCell] = ["单位名称", "单位类型", "上级单位", "单位编码", "排序号", "备注", "用户数", "状态", "系统编号"].map { .text($0) }

    /// Office staff, signed in, with one more 招商 unit (under the board) and a deactivated one.
    private func prepare(_ app: Application, _ fixtures: Fixtures) async throws -> Browser {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        _ = try await api.createUnit("新吴区招商一组", parent: fixtures.board)
        let closed = try await api.createUnit("旧招商办", kind: "taskForce", parent: fixtures.root, code: "OLD-ZS")
        let deactivated = try await api.send(.POST, Site.API.unitDeactivate(closed))
        XCTAssertEqual(try api.object(deactivated)["active"] as? Bool, false)
        let browser = Browser(app)
        try await browser.signIn(as: .office)
        return browser
    }

    /// What the unit list holds for `q=招商`, in tree order (without the id column).
    static let expectedUnits: [[SheetCell]] = [
        ["集成电路招商团队", "招商团队", "WXGX", "ZS-JCDL"].map { .text($0) } + [.integer(0), .empty, .integer(1), .text("在用")],
        ["生命健康招商团队", "招商团队", "WXGX", "ZS-SMJK"].map { .text($0) } + [.integer(0), .empty, .integer(0), .text("在用")],
        [.text("新吴区招商一组"), .text("部门"), .text("XW"), .empty, .integer(0), .empty, .integer(0), .text("在用")],
        [.text("旧招商办"), .text("专班"), .text("WX"), .text("OLD-ZS"), .integer(0), .empty, .integer(0), .text("已停用")],
    ]

    func testUnitExportAsXLSXAndCSVHoldsTheFilteredRowsInListOrder() async throws {
        try await withApp { app, fixtures in
            let browser = try await prepare(app, fixtures)
            let list = try await browser.get(Site.units + "?q=%E6%8B%9B%E5%95%86")
            XCTAssertTrue(list.text.contains("共 4 条"))
            XCTAssertTrue(list.text.contains("href=\"/units/export?format=xlsx&amp;q=%E6%8B%9B%E5%95%86&amp;sort=tree\"")
                          || list.text.contains("href=\"/units/export?format=xlsx&q=%E6%8B%9B%E5%95%86&sort=tree\""), "the page links the export of its filtered list")
            let xlsx = try await browser.get(Site.unitsExport + "?format=xlsx&q=%E6%8B%9B%E5%95%86&sort=tree")
            XCTAssertEqual(xlsx.status, .ok)
            XCTAssertEqual(xlsx.headers.contentType?.subType, "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let disposition = xlsx.headers.first(name: .contentDisposition) ?? ""
            let encodedName = disposition.components(separatedBy: "filename*=UTF-8''").last ?? ""
            XCTAssertEqual(encodedName.removingPercentEncoding, "组织单位.xlsx", disposition)
            let sheets = try XLSXReader.read(xlsx.bodyData)
            XCTAssertEqual(sheets.count, 1)
            XCTAssertEqual(sheets.first?.name, "组织单位")
            XCTAssertEqual(sheets.first?.rows.first, Self.unitHeader)
            let exportedRows = Array(sheets.first?.rows.dropFirst() ?? [])
            XCTAssertEqual(exportedRows.map { Array($0.dropLast()) }, Self.expectedUnits)
            let ids = try await OrgUnit.query(on: app.db).all().reduce(into: [String: Int]()) { $0[$1.name] = $1.id }
            XCTAssertEqual(exportedRows.map(\.last), Self.expectedUnits.map { .integer(Int64(ids[$0[0].text]!)) }, "each row's 系统编号 is its unit's id")

            let csv = try await browser.get(Site.unitsExport + "?format=csv&q=%E6%8B%9B%E5%95%86&sort=tree")
            XCTAssertEqual(csv.status, .ok)
            XCTAssertEqual(csv.headers.contentType?.subType, "csv")
            XCTAssertTrue(csv.bodyData.starts(with: [0xEF, 0xBB, 0xBF]), "a BOM, so Excel on Chinese Windows reads UTF-8")
            let table = try CSVFormat.read(csv.bodyData)
            XCTAssertEqual(table.rows.map { $0.map(\.text) }, [Self.unitHeader.map(\.text)] + exportedRows.map { $0.map(\.text) })

            // Filters, sort and a page size apply; the page does not: the export is the whole filtered list.
            let filtered = try await browser.get(Site.unitsExport + "?format=csv&kind=attractionTeam&sort=-name&per=1&page=2")
            let names = try CSVFormat.read(filtered.bodyData).rows.dropFirst().map { $0[0].text }
            XCTAssertEqual(names, ["生命健康招商团队", "集成电路招商团队"], "pinyin order, descending: sheng… before ji…")
            let bad = try await browser.get(Site.unitsExport + "?format=pdf")
            XCTAssertEqual(bad.status, .badRequest)
            XCTAssertTrue(bad.text.contains("导出格式应为 xlsx 或 csv"))
        }
    }

    func testUserAndAuditExportsHoldTheirFilteredLists() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let created = try await admin.send(.POST, Site.API.users, body: ["username": "zhao.liu", "displayName": "赵六", "unitId": fixtures.team,
                                                                             "roles": ["leader", "unit"], "password": "Taihu-Lake-2026!"])
            XCTAssertEqual(created.status, .created, created.text)
            _ = try XCTUnwrap(try admin.object(created)["id"] as? Int)
            let browser = Browser(app)
            try await browser.signIn(as: .admin)
            let users = try await browser.get(Site.usersExport + "?format=xlsx&unitId=\(fixtures.team)&sort=username")
            XCTAssertEqual(users.status, .ok)
            let rows = try XCTUnwrap(try XLSXReader.read(users.bodyData).first).rows
            XCTAssertEqual(rows.map { $0.map(\.text) }, [
                ["用户名", "姓名", "所属单位", "角色", "邮箱", "电话", "状态", "最近登录"],
                ["t-unit", "测试单位用户", "ZS-JCDL", "单位用户", "", "", "在用", ""],
                ["zhao.liu", "赵六", "ZS-JCDL", "单位用户、领导", "", "", "在用", ""],
            ])

            let auditor = Browser(app)
            try await auditor.signIn(as: .auditor)
            let audit = try await auditor.get(Site.auditExport + "?format=csv&entity=user&action=create")
            XCTAssertEqual(audit.status, .ok)
            let table = try CSVFormat.read(audit.bodyData)
            XCTAssertEqual(table.rows.first?.map(\.text), ["时间", "操作人", "操作", "对象", "摘要", "地址"])
            XCTAssertEqual(table.rows.count, 2, "one user was created")
            let row = table.rows[1].map(\.text)
            XCTAssertEqual(Array(row.prefix(5)), ["2026-09-21 22:13", "测试系统管理员（t-admin）", "新建", "用户 赵六（zhao.liu）",
                                                  "新建用户“赵六”"])
        }
    }

    /// openpyxl reads the project's xlsx with Chinese text as str, counts as int, no cell lost.
    func testExportedXLSXOpensInOpenpyxlWithTypesIntact() async throws {
        try OfficeTools.requirePython(module: "openpyxl", package: "openpyxl")
        try await withApp { app, fixtures in
            let browser = try await prepare(app, fixtures)
            let xlsx = try await browser.get(Site.unitsExport + "?format=xlsx&q=%E6%8B%9B%E5%95%86")
            let folder = try OfficeTools.scratchFolder("export")
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("组织单位.xlsx")
            try xlsx.bodyData.write(to: file)
            let read = try XCTUnwrap(try OfficeTools.pythonJSON(Self.openpyxlDump, [file.path]) as? [String: Any])
            XCTAssertEqual(read["sheet"] as? String, "组织单位")
            let rows = try XCTUnwrap(read["rows"] as? [[[Any]]])
            XCTAssertEqual(rows.count, 1 + Self.expectedUnits.count)
            for (index, expected) in ([Self.unitHeader] + Self.expectedUnits).enumerated() {
                XCTAssertEqual(rows[index].count, Self.unitHeader.count, "row \(index + 1): every column, the 系统编号 last")
                for (column, cell) in expected.enumerated() where column < rows[index].count {
                    Self.assertPython(rows[index][column], equals: cell, "row \(index + 1) column \(column + 1)")
                }
            }
            // The audit log's export: times as Beijing-time text, summaries in Chinese, newest first.
            let auditor = Browser(app)
            try await auditor.signIn(as: .auditor)
            let audit = try await auditor.get(Site.auditExport + "?format=xlsx&entity=unit")
            let auditFile = folder.appendingPathComponent("审计日志.xlsx")
            try audit.bodyData.write(to: auditFile)
            let auditRead = try XCTUnwrap(try OfficeTools.pythonJSON(Self.openpyxlDump, [auditFile.path]) as? [String: Any])
            let auditRows = try XCTUnwrap(auditRead["rows"] as? [[[Any]]])
            XCTAssertEqual(auditRows.count, 4, "a header and three changes")
            Self.assertPython(auditRows[0][0], equals: .text("时间"), "heading")
            for row in auditRows.dropFirst() { Self.assertPython(row[0], equals: .text("2026-09-21 22:13"), "time") }
            Self.assertPython(auditRows[1][4], equals: .text("停用组织单位“旧招商办”"), "newest summary")
            Self.assertPython(auditRows[3][4], equals: .text("新建组织单位“新吴区招商一组”"), "oldest summary")
        }
    }

    /// LibreOffice converts the project's xlsx to CSV with the same text our own CSV export holds.
    func testExportedXLSXConvertsInLibreOffice() async throws {
        _ = try OfficeTools.requireLibreOffice()
        try await withApp { app, fixtures in
            let browser = try await prepare(app, fixtures)
            let xlsx = try await browser.get(Site.unitsExport + "?format=xlsx&q=%E6%8B%9B%E5%95%86")
            let csv = try await browser.get(Site.unitsExport + "?format=csv&q=%E6%8B%9B%E5%95%86")
            let folder = try OfficeTools.scratchFolder("export-lo")
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("units.xlsx")
            try xlsx.bodyData.write(to: file)
            let converted = try OfficeTools.convert(file, to: "csv:Text - txt - csv (StarCalc):44,34,76,1", extension: "csv")
            let libre = try CSVFormat.read(try Data(contentsOf: converted)).rows.map { $0.map(\.text) }
            let ours = try CSVFormat.read(csv.bodyData).rows.map { $0.map(\.text) }
            XCTAssertEqual(libre, ours)
            XCTAssertEqual(libre.last?.first, "旧招商办")
        }
    }

    /// Dumps the first sheet as rows of [type name, value]; dates as ISO text.
    static let openpyxlDump = """
    import datetime, json, sys, openpyxl
    book = openpyxl.load_workbook(sys.argv[1])
    sheet = book.worksheets[0]
    def cell(v):
        if isinstance(v, (datetime.date, datetime.datetime)):
            return [type(v).__name__, v.isoformat()]
        return [type(v).__name__, v]
    print(json.dumps({"sheet": sheet.title, "rows": [[cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]}))
    """

    static func assertPython(_ value: [Any], equals cell: SheetCell, _ message: String, file: StaticString = #filePath, line: UInt = #line) {
        let type = value.first as? String
        switch cell {
        case .empty: XCTAssertEqual(type, "NoneType", message, file: file, line: line)
        case .text(let text):
            XCTAssertEqual(type, "str", message, file: file, line: line)
            XCTAssertEqual(value.last as? String, text, message, file: file, line: line)
        case .integer(let number):
            XCTAssertEqual(type, "int", message, file: file, line: line)
            XCTAssertEqual((value.last as? NSNumber)?.int64Value, number, message, file: file, line: line)
        case .number(let number):
            XCTAssertEqual(type, "float", message, file: file, line: line)
            XCTAssertEqual((value.last as? NSNumber)?.doubleValue, number, message, file: file, line: line)
        case .date(let year, let month, let day):
            XCTAssertEqual(type, "datetime", message, file: file, line: line)
            XCTAssertEqual(value.last as? String, String(format: "%04d-%02d-%02dT00:00:00", year, month, day), message, file: file, line: line)
        case .bool(let flag):
            XCTAssertEqual(type, "bool", message, file: file, line: line)
            XCTAssertEqual(value.last as? Bool, flag, message, file: file, line: line)
        }
    }
}
