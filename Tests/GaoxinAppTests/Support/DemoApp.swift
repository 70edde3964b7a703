import Foundation
@testable import GaoxinApp
import XCTVapor
import XCTest

/// An application on a fresh database seeded with the demo data, as the README's first command
/// shows it (the real clock: the demo's figures are of 2025).
func withDemoApp(_ test: (Application) async throws -> Void) async throws {
    let (url, cleanup) = try await TestDatabase.fresh()
    let config = testConfig(url)
    let app = try await Application.make(.testing, .shared(eventLoopGroup(for: config)))
    do {
        try configure(app, config: config)
        let accounts = try await DemoData.seedIfEmpty(app)
        XCTAssertEqual(accounts?.count, DemoData.accounts.count)
        try await test(app)
    } catch {
        try? await app.asyncShutdown()
        try? await cleanup()
        throw error
    }
    try await app.asyncShutdown()
    try await cleanup()
}
