import Foundation
@testable import GaoxinApp
import GaoxinDomain
import Vapor
import XCTest
import XCTVapor

/// What operators see (issue 11): `/metrics` in the Prometheus text format for the administrator,
/// with request latency per route, job counts, import rows and (SQLite) connection waits; and
/// the request id on every response.
final class OperatorMetricsTests: XCTestCase {
    func testTheAdministratorReadsMetricsInThePrometheusFormat() async throws {
        try await withApp { app, fixtures in
            let admin = try await Browser.signedIn(app, as: .admin)
            let units = try await admin.get("/api/v1/units")
            XCTAssertEqual(units.status, .ok)
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let before = Self.value(OperatorMetrics.text(), #"gaoxin_import_rows_total{register="units"}"#) ?? 0
            let (_, job) = try await driver.viaAPI("units", fileName: "两行.csv", data: ImportDriver.csv([
                ImportTests.header, "指标单位甲,部门,XW,MET-1,,", "指标单位乙,部门,XW,MET-2,,",
            ]))
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")

            let response = try await admin.get("/metrics")
            XCTAssertEqual(response.status, .ok)
            XCTAssertEqual(response.headers.contentType?.description.hasPrefix("text/plain"), true)
            let text = response.body.string
            // Vapor's request histogram, labelled with the route pattern, not the concrete path.
            XCTAssertTrue(text.contains("# TYPE http_request_duration_seconds histogram"), text)
            XCTAssertTrue(text.contains(#"http_request_duration_seconds_bucket{method="GET",path="/api/v1/units",status="200",le="0.05"}"#), text)
            XCTAssertEqual(Self.value(text, #"gaoxin_import_rows_total{register="units"}"#), before + 2)
            XCTAssertNotNil(Self.value(text, #"gaoxin_import_last_rows_per_second{register="units"}"#))
            // Jobs as the database holds them: the import above has succeeded, none is queued.
            XCTAssertEqual(Self.value(text, #"gaoxin_jobs{status="queued"}"#), 0)
            XCTAssertGreaterThanOrEqual(Self.value(text, #"gaoxin_jobs{status="succeeded"}"#) ?? 0, 1)
            if app.engine == .sqlite {
                XCTAssertTrue(text.contains(#"gaoxin_db_connection_wait_seconds_count{engine="sqlite"}"#), text)
            }
        }
    }

    func testMetricsAreForTheAdministratorOnly() async throws {
        try await withApp { app, _ in
            for role in Role.allCases where role != .admin {
                let browser = try await Browser.signedIn(app, as: role)
                let refused = try await browser.get("/metrics")
                XCTAssertEqual(refused.status, .forbidden, "\(role)")
            }
            let anonymous = try await Browser.anonymous(app)
            let response = try await anonymous.send(.GET, "/metrics", headers: ["Accept": "text/plain"])
            XCTAssertFalse(response.body.string.contains("http_request"), "metrics leak to an anonymous client")
        }
    }

    func testEveryResponseCarriesItsRequestId() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.anonymous(app)
            let generated = try await browser.get("/healthz")
            XCTAssertFalse((generated.headers.first(name: .xRequestId) ?? "").isEmpty)
            let other = try await browser.get("/healthz")
            XCTAssertNotEqual(other.headers.first(name: .xRequestId), generated.headers.first(name: .xRequestId))
            // A proxy's id is kept, so its logs and ours name the same request.
            let forwarded = try await browser.send(.GET, "/healthz", headers: ["X-Request-Id": "proxy-4711"])
            XCTAssertEqual(forwarded.headers.first(name: .xRequestId), "proxy-4711")
            // Error pages carry it too.
            let missing = try await browser.get("/no-such-page")
            XCTAssertFalse((missing.headers.first(name: .xRequestId) ?? "").isEmpty)
        }
    }

    /// The value of one sample line (`name{labels} value`).
    static func value(_ text: String, _ sample: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(sample + " ") {
            return Double(line.dropFirst(sample.count + 1))
        }
        return nil
    }
}
