@testable import GaoxinApp
import XCTVapor
import XCTest

/// Errors from below the handlers reach the client in the product's shape and status.
final class ErrorMappingTests: XCTestCase {
    /// When every connection is taken (SQLite's single one by a long import transaction), a
    /// request that waited its turn out is told to retry (503), not that the server broke (500).
    func testAConnectionTimeoutIsBusyNotAnInternalError() async throws {
        try await withApp { app, _ in
            let request = Request(application: app, on: app.eventLoopGroup.next())
            let mapped = ErrorMapper.appError(ConnectionPoolTimeoutError.connectionRequestTimeout, request)
            XCTAssertEqual(mapped.status, .serviceUnavailable)
            XCTAssertEqual(mapped.code, "busy")
            XCTAssertTrue(mapped.message.contains("系统正忙"), mapped.message)
        }
    }
}
