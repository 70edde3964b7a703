import Fluent
import GaoxinDomain
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest
import ZIPFoundation

/// Files as they arrive from other programs: xlsx written by openpyxl and by LibreOffice (made
/// in this test run) import; damaged, disguised, hostile and oversized files are refused with a
/// Chinese message and write nothing.
final class ImportFileFormatTests: XCTestCase {
    func testXLSXWrittenByOpenpyxlImports() async throws {
        try OfficeTools.requirePython(module: "openpyxl", package: "openpyxl")
        try await withApp { app, fixtures in
            let folder = try OfficeTools.scratchFolder("openpyxl")
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("滨湖.xlsx")
            _ = try OfficeTools.python("""
                import datetime, sys, openpyxl
                book = openpyxl.Workbook()
                sheet = book.active
                sheet.title = "单位"
                sheet.append(["单位名称*", "单位类型*", "上级单位", "单位编码", "排序号", "备注"])
                sheet.append(["滨湖招商组", "招商团队", "XW", "BH-ZS", 7, datetime.date(2026, 9, 1)])
                sheet.append(["滨湖招商组一分组", "部门", "BH-ZS", "0011", 3.0, "数字编码保持文本"])
                book.save(sys.argv[1])
                """, [file.path])
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaPage("units", fileName: file.lastPathComponent, data: try Data(contentsOf: file))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            let team = try Check.unwrap(try await OrgUnit.query(on: app.db).filter(\.$code == "BH-ZS").first())
            XCTAssertEqual(team.name, "滨湖招商组")
            XCTAssertEqual(team.sortOrder, 7, "a number cell")
            XCTAssertEqual(team.note, "2026-09-01", "a date cell reads as its day")
            XCTAssertEqual(team.parentID, fixtures.board)
            let group = try Check.unwrap(try await OrgUnit.query(on: app.db).filter(\.$code == "0011").first())
            XCTAssertEqual(group.parentID, team.id)
            XCTAssertEqual(group.sortOrder, 3)
        }
    }

    func testXLSXWrittenByLibreOfficeImports() async throws {
        _ = try OfficeTools.requireLibreOffice()
        try await withApp { app, fixtures in
            let folder = try OfficeTools.scratchFolder("lo-import")
            defer { try? FileManager.default.removeItem(at: folder) }
            let csv = folder.appendingPathComponent("units.csv")
            try ImportDriver.csv([ImportTests.header, "梁溪招商组,招商团队,WX,LX-ZS,12,LibreOffice 写的文件", "梁溪招商组二队,招商团队,LX-ZS,,,"]).write(to: csv)
            let xlsx = try OfficeTools.convert(csv, to: "xlsx", extension: "xlsx", inputFilter: "CSV:44,34,76,1")
            let data = try Data(contentsOf: xlsx)
            XCTAssertTrue(data.starts(with: [0x50, 0x4B, 0x03, 0x04]), "LibreOffice wrote a zip")
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let (_, job) = try await driver.viaAPI("units", fileName: "units.xlsx", data: data)
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["inserted"] as? Int, 2)
            let team = try Check.unwrap(try await OrgUnit.query(on: app.db).filter(\.$code == "LX-ZS").first())
            XCTAssertEqual(team.name, "梁溪招商组")
            XCTAssertEqual(team.sortOrder, 12)
            XCTAssertEqual(team.note, "LibreOffice 写的文件")
            XCTAssertEqual(team.parentID, fixtures.root)
        }
    }

    /// Each bad file fails its job with the reader's Chinese message and writes nothing.
    func testDamagedDisguisedAndHostileFilesAreRefusedWithAChineseMessage() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let template = try await driver.browser.get(Site.importTemplate("units", format: "xlsx")).bodyData
            var random = SystemRandomNumberGenerator()
            let cases: [(name: String, data: Data, messages: [String])] = [
                ("截断的.xlsx", template.prefix(template.count / 2), [SheetError.notAZip.messageZh, SheetError.malformed("").messageZh]),
                ("随机字节.xlsx", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) | 0x80 }), [SheetError.notAZip.messageZh]),
                ("旧版.xlsx", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) + Data(count: 1024), [SheetError.legacyExcelFormat.messageZh]),
                ("炸弹.xlsx", try Self.zipBomb(basedOn: template), [SheetError.zipBomb.messageZh]),
                ("二进制.csv", Data([0x81, 0x30, 0xFF, 0xFE, 0x00, 0x81, 0xFF, 0x0A]), [SheetError.unsupportedEncoding.messageZh, SheetError.malformed("").messageZh]),
            ]
            let units = try await Probe.count(app, "units"), audits = try await Probe.count(app, "audit_log", where: "entity IN ('unit', 'import')")
            for (name, data, messages) in cases {
                let (id, job) = try await driver.viaPage("units", fileName: name, data: data)
                XCTAssertEqual(job["status"] as? String, "failed", name)
                let message = job["message"] as? String ?? ""
                XCTAssertTrue(messages.contains(message), "\(name): \(message)")
                XCTAssertEqual(ImportDriver.errors(job), [ImportDriver.RowError(0, "", name, message)], name)
                let page = try await driver.browser.get(Site.job(id))
                XCTAssertTrue(page.text.contains(message.htmlEscaped), "\(name): the job page says why")
            }
            Check.equal(try await Probe.count(app, "units"), units)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity IN ('unit', 'import')"), audits)
        }
    }

    func testAFileOverTheConfiguredLimitIsRefusedBeforeAnyJob() async throws {
        try await withApp(configure: { $0.importMaxBytes = 4 * 1024 }) { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let lines = [ImportTests.header] + (1...200).map { "超大文件中的单位\($0),部门,XW,,," }
            let big = ImportDriver.csv(lines)
            XCTAssertGreaterThan(big.count, 4 * 1024)
            let jobs = try await Probe.count(app, "jobs"), units = try await Probe.count(app, "units")
            let page = try await driver.browser.upload(Site.importUpload("units"), fileName: "大.csv", data: big)
            XCTAssertEqual(page.status, .payloadTooLarge)
            XCTAssertTrue(page.text.contains("文件超过 4 KB 上限，请拆分后再上传。"), "a clear limit in the page")
            let api = try SeenAPIError(try await driver.api.upload(Site.API.importUpload("units"), fileName: "大.csv", data: big))
            XCTAssertEqual(api.status, .payloadTooLarge)
            XCTAssertEqual(api.code, "too_large")
            XCTAssertEqual(api.message, "文件超过 4 KB 上限，请拆分后再上传。")
            // Far beyond the limit the body is not even collected; the answer is the same kind.
            let huge = try SeenAPIError(try await driver.api.upload(Site.API.importUpload("units"), fileName: "巨.csv", data: Data(count: 2 * 1024 * 1024)))
            XCTAssertEqual(huge.status, .payloadTooLarge)
            XCTAssertTrue(huge.message.contains("4 KB"), huge.message)
            Check.equal(try await Probe.count(app, "jobs"), jobs, "no job was started")
            Check.equal(try await Probe.count(app, "units"), units)
            // An empty file is sent back to the import page with a message that says so.
            let empty = try await driver.browser.upload(Site.importUpload("units"), fileName: "空.csv", data: Data())
            XCTAssertEqual(empty.status, .seeOther)
            XCTAssertEqual(empty.location, Site.imports + "?error=emptyFile")
            let shown = try await driver.browser.get(try XCTUnwrap(empty.location))
            XCTAssertTrue(shown.text.contains("所选文件是空的"), shown.text)
            // The alert shows only messages the page knows, never words taken from the link.
            let forged = try await driver.browser.get(Site.imports + "?error=" + ("请把密码发到 evil@example.com".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
            XCTAssertEqual(forged.status, .ok)
            XCTAssertFalse(forged.text.contains("evil@example.com"), "a link cannot write into the alert")
        }
    }

    /// The template with its worksheet replaced by 64 MB of zeros that deflate to a few dozen KB.
    static func zipBomb(basedOn template: Data) throws -> Data {
        let source = try Archive(data: template, accessMode: .read)
        let bomb = try Archive(accessMode: .create)
        for entry in source where entry.path != "xl/worksheets/sheet1.xml" {
            var data = Data()
            _ = try source.extract(entry) { data.append($0) }
            try bomb.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        let size = 64 * 1024 * 1024
        try bomb.addEntry(with: "xl/worksheets/sheet1.xml", type: .file, uncompressedSize: Int64(size), compressionMethod: .deflate) { _, length in
            Data(count: length)
        }
        let data = try XCTUnwrap(bomb.data)
        XCTAssertLessThan(data.count, 1024 * 1024, "the bomb is small on the wire")
        return data
    }
}
