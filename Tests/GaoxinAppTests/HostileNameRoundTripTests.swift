import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Export → import changes no name, whatever it begins with: the formula guard of the export is
/// taken off exactly once by the import, in CSV and in xlsx (issue 9.4).
final class HostileNameRoundTripTests: XCTestCase {
    static let names = ["'=abc", "=abc", "''双撇号科技", "'-5 负数科技", "@SUM(1) 科技", "+86 电话科技", "-负号开头科技有限公司", "'s 撇号科技", "'"]

    func testHostileNamesSurviveTheEnterpriseExportAndImport() async throws {
        for format in ["csv", "xlsx"] {
            try await withApp { app, fixtures in
                let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
                var ids: [String: Int] = [:]
                for (index, name) in Self.names.enumerated() {
                    ids[name] = try await office.createEnterprise(name, code: USCC.numbered(600 + index), unit: fixtures.team)
                }
                let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
                let exported = try await driver.browser.get(Site.enterprisesExport + "?format=\(format)&per=200")
                XCTAssertEqual(exported.status, .ok)
                let audits = try await Probe.auditCount(app, entity: "enterprise")
                let (_, job) = try await driver.viaPage("enterprises", fileName: "企业名录.\(format)", data: exported.bodyData)
                XCTAssertEqual(job["status"] as? String, "succeeded", "\(format): \(job)")
                for (name, id) in ids {
                    let stored = try await Probe.enterprise(app, id)
                    XCTAssertEqual(stored.name, name, "\(format): \(name.debugDescription) came back as \(stored.name.debugDescription)")
                }
                Check.equal(try await Probe.auditCount(app, entity: "enterprise"), audits, "\(format): an unchanged export imports as no change")
            }
        }
    }
}
