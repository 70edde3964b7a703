@testable import GaoxinApp
import XCTVapor
import XCTest

/// A list reads its query string's parameters once (`ListQuery.QueryValues`) instead of asking
/// Vapor for each by name, which decoded the whole query string again every time. The values must
/// be the ones asking by name gives: the last of a repeated parameter, percent and `+` decoded,
/// nothing for a nested key or a flag without `=`.
final class ListQueryParametersTests: XCTestCase {
    static let queries = [
        "q=%E7%A7%91%E6%8A%80&page=2&per=20&sort=-revenue",
        "q=a+b%20c&q=%E4%B9%99&active=true",
        "unitId=5&x[y]=1&flag&empty=&sort=name",
        "industryCode=C39&a%5Bb%5D=2&lang=en&q=%25%26%3D",
        "clusterIds=1,2|3&q=",
        "",
    ]
    static let keys = ["q", "page", "per", "sort", "active", "unitId", "x", "flag", "empty", "industryCode", "a", "lang", "clusterIds", "absent"]

    func testTheParametersReadOnceAreTheOnesAskedForByName() async throws {
        let app = try await Application.make(.testing)
        do { try check(app) } catch { XCTFail("\(error)") }
        try await app.asyncShutdown()
    }

    private func check(_ app: Application) throws {
        for query in Self.queries {
            let request = Request(application: app, method: .GET, url: URI(string: "/enterprises?" + query), on: app.eventLoopGroup.next())
            let values = (try? request.query.decode(ListQuery.QueryValues.self).values) ?? [:]
            for key in Self.keys {
                XCTAssertEqual(values[key], request.query[String.self, at: key], "\(key) in \(query)")
            }
        }
        let request = Request(application: app, method: .GET, url: URI(string: "/enterprises?q=a+b%20c&q=%E4%B9%99&active=1&page=3"), on: app.eventLoopGroup.next())
        let parsed = try ListQuery.parse(request, RegisterList.definition(.enterprises))
        XCTAssertEqual(parsed.search, "乙", "the last of a repeated parameter, as Vapor gives it")
        XCTAssertEqual(parsed.page, 3)
        XCTAssertEqual(parsed.filters["active"], "1")
    }
}
