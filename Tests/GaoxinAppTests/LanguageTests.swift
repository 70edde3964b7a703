import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Chinese first, English on request: the switch sets a cookie and every page, form label and
/// field error follows it; pages carry no asset from outside the server.
final class LanguageTests: XCTestCase {
    func testTheInterfaceIsChineseByDefaultAndSwitchesToEnglish() async throws {
        try await withApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let chinese = try await browser.get(Site.units)
            XCTAssertTrue(chinese.text.contains("<html lang=\"zh\""), String(chinese.text.prefix(200)))
            XCTAssertTrue(chinese.text.contains("组织单位"))

            let switched = try await browser.get(Site.language + "?set=en&next=%2Funits%2Fnew")
            XCTAssertEqual(switched.status, .seeOther)
            XCTAssertEqual(switched.headers.first(name: .location), "/units/new")
            let form = try await browser.get(Site.unitNew)
            XCTAssertTrue(form.text.contains("New unit"), "page title in English")
            XCTAssertFalse(form.text.contains("新建单位"))

            let invalid = try await browser.post(Site.units, [("name", ""), ("kind", "")])
            XCTAssertEqual(invalid.status, .unprocessableEntity)
            XCTAssertTrue(invalid.text.contains("Name is required"), "field errors follow the language")
            let imports = try await browser.get(Site.imports)
            XCTAssertTrue(imports.text.contains("单位名称*</strong> (Name): At most 100 characters"), "file headings stay Chinese, explained in English")
            XCTAssertFalse(imports.text.contains("：不超过"), "no Chinese column notes in English")

            let back = try await browser.get(Site.language + "?set=zh&next=%2Funits")
            XCTAssertEqual(back.status, .seeOther)
            let again = try await browser.get(Site.units)
            XCTAssertTrue(again.text.contains("新建组织单位"))
        }
    }

    func testPagesLoadNothingFromOutsideTheServer() async throws {
        try await withApp { app, _ in
            let browser = Browser(app)
            try await browser.signIn(as: .admin)
            for path in [Site.home, Site.units, Site.users, Site.imports, Site.account, Site.complexity] {
                let page = try await browser.get(path)
                XCTAssertEqual(page.status, .ok, path)
                for marker in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(http", "@import"] {
                    XCTAssertFalse(page.text.contains(marker), "\(path) refers outside the server: \(marker)")
                }
            }
        }
    }
}
