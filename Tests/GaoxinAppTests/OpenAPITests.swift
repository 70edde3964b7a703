@testable import GaoxinApp
import XCTVapor
import XCTest

/// The OpenAPI document describes every API route (and nothing else), is well-formed, and
/// passes Python's openapi-spec-validator.
final class OpenAPITests: XCTestCase {
    private func document(_ app: Application) async throws -> [String: Any] {
        let response = try await APIClient(app: app, token: nil).send(.GET, Site.API.openAPI)
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(response.headers.contentType?.subType, "json")
        return try XCTUnwrap(JSONSerialization.jsonObject(with: response.bodyData) as? [String: Any], "not a JSON object")
    }

    func testTheDocumentIsServedWithoutSignInAsOpenAPI3() async throws {
        try await withApp { app, _ in
            let doc = try await document(app)
            XCTAssertTrue((doc["openapi"] as? String)?.hasPrefix("3.") ?? false, "\(doc["openapi"] ?? "none")")
            let info = try XCTUnwrap(doc["info"] as? [String: Any])
            XCTAssertEqual(info["title"] as? String, "高新产业生态平台 API")
            XCTAssertNotNil(info["version"] as? String)
        }
    }

    /// A list's `sort` is documented from the list's own definition, every key and nothing else.
    func testSortParametersListTheListsOwnKeys() async throws {
        try await withApp { app, _ in
            let doc = try await document(app)
            let paths = try XCTUnwrap(doc["paths"] as? [String: Any])
            let list = try XCTUnwrap((paths["/api/v1/enterprises"] as? [String: Any])?["get"] as? [String: Any])
            let sort = try XCTUnwrap((list["parameters"] as? [[String: Any]])?.first { $0["name"] as? String == "sort" })
            let pattern = try XCTUnwrap((sort["schema"] as? [String: Any])?["pattern"] as? String)
            XCTAssertEqual(pattern, "^-?(" + RegisterList.definition(.enterprises).sorts.keys.sorted().joined(separator: "|") + ")$")
            XCTAssertTrue(pattern.contains("tier"))
            XCTAssertNotNil("-tier".range(of: pattern, options: .regularExpression))
            XCTAssertNil("price".range(of: pattern, options: .regularExpression))
        }
    }

    func testEveryAPIRouteIsDescribedWithItsMethodAndNothingElseIs() async throws {
        try await withApp { app, _ in
            let doc = try await document(app)
            let paths = try XCTUnwrap(doc["paths"] as? [String: [String: Any]])
            let routes = AppRoutes.all.filter { $0.path.hasPrefix(Site.API.base + "/") && $0.path != Site.API.openAPI }
            XCTAssertGreaterThan(routes.count, 15, "the API has its routes")
            XCTAssertEqual(Self.undescribed(routes, paths), [], "API routes the OpenAPI document does not describe")
            let registered = Set(routes.map { "\($0.method.rawValue.lowercased()) \($0.openAPIPath)" })
            let methods: Set<String> = ["get", "post", "put", "patch", "delete", "head", "options", "trace"]
            var phantom: [String] = []
            for (path, item) in paths {
                for method in item.keys where methods.contains(method) && !registered.contains("\(method) \(path)") { phantom.append("\(method) \(path)") }
            }
            XCTAssertEqual(phantom, [], "operations in the document without a route")
        }
    }

    /// API routes (but the document itself) with no operation of their method in `paths`.
    static func undescribed(_ routes: [RouteSpec], _ paths: [String: [String: Any]]) -> [String] {
        routes.filter { $0.path.hasPrefix(Site.API.base + "/") && $0.path != Site.API.openAPI }
            .filter { paths[$0.openAPIPath]?[$0.method.rawValue.lowercased()] == nil }.map(\.name)
    }

    /// A route added to the list without a description is caught by the same comparison.
    func testTheComparisonCatchesAnUndescribedRoute() throws {
        let extra = RouteSpec(.DELETE, "/api/v1/units/:id", .publicRoute) { _ in Response(status: .ok) }
        let routes = AppRoutes.all + [extra]
        let built = try JSONSerialization.jsonObject(with: JSONEncoder().encode(OpenAPIDocument.build(routes))) as? [String: Any]
        let paths = try XCTUnwrap(built?["paths"] as? [String: [String: Any]])
        XCTAssertEqual(Self.undescribed(routes, paths), ["DELETE /api/v1/units/:id"])
    }

    func testOperationsAreUniqueAndEveryReferenceResolves() async throws {
        try await withApp { app, _ in
            let doc = try await document(app)
            let paths = try XCTUnwrap(doc["paths"] as? [String: [String: Any]])
            let schemas = try XCTUnwrap((doc["components"] as? [String: Any])?["schemas"] as? [String: Any])
            var ids: [String] = []
            for item in paths.values {
                for case let operation as [String: Any] in item.values {
                    if let id = operation["operationId"] as? String { ids.append(id) } else { XCTFail("an operation without operationId") }
                    XCTAssertNotNil(operation["responses"] as? [String: Any])
                }
            }
            XCTAssertEqual(ids.count, Set(ids).count, "operationIds are unique: \(ids.sorted())")
            var references: [String] = []
            func collect(_ value: Any) {
                if let object = value as? [String: Any] {
                    if let ref = object["$ref"] as? String { references.append(ref) }
                    object.values.forEach(collect)
                } else if let array = value as? [Any] { array.forEach(collect) }
            }
            collect(doc)
            XCTAssertFalse(references.isEmpty)
            for ref in Set(references) {
                XCTAssertTrue(ref.hasPrefix("#/components/schemas/"), ref)
                XCTAssertNotNil(schemas[String(ref.dropFirst("#/components/schemas/".count))], "unresolved \(ref)")
            }
            // The documented success statuses are the ones the routes answer with.
            let createUnit = (paths["/api/v1/units"]?["post"] as? [String: Any])?["responses"] as? [String: Any]
            XCTAssertNotNil(createUnit?["201"])
            let importUnits = (paths["/api/v1/imports/units"]?["post"] as? [String: Any])?["responses"] as? [String: Any]
            XCTAssertNotNil(importUnits?["202"])
        }
    }

    func testTheDocumentPassesOpenAPISpecValidator() async throws {
        try OfficeTools.requirePython(module: "openapi_spec_validator", package: "openapi-spec-validator")
        try await withApp { app, _ in
            let response = try await APIClient(app: app, token: nil).send(.GET, Site.API.openAPI)
            let folder = try OfficeTools.scratchFolder("openapi")
            defer { try? FileManager.default.removeItem(at: folder) }
            let file = folder.appendingPathComponent("openapi.json")
            try response.bodyData.write(to: file)
            let output = try OfficeTools.python("""
                import json, sys
                from openapi_spec_validator import validate
                validate(json.load(open(sys.argv[1], encoding="utf-8")))
                print("valid")
                """, [file.path])
            XCTAssertEqual(output.trimmingCharacters(in: .whitespacesAndNewlines), "valid")
            // And the validator does reject a broken document, so "valid" means something.
            var broken = try XCTUnwrap(JSONSerialization.jsonObject(with: response.bodyData) as? [String: Any])
            broken["paths"] = ["/api/v1/units/{id}": ["get": ["responses": ["200": ["description": "x"]]]]]
            let brokenFile = folder.appendingPathComponent("broken.json")
            try JSONSerialization.data(withJSONObject: broken).write(to: brokenFile)
            let rejected = try OfficeTools.run("python3", ["-c", "import json,sys\nfrom openapi_spec_validator import validate\nvalidate(json.load(open(sys.argv[1])))", brokenFile.path])
            XCTAssertNotEqual(rejected.status, 0, "a path parameter without its definition must fail validation")
        }
    }
}
