@testable import GaoxinApp
import GaoxinDomain
import XCTVapor
import XCTest

/// The OpenAPI document and the server agree on what a request may hold (what schemathesis's
/// `--checks all` probes in scripts/api-check): a filter checked against a fixed set is an enum of
/// exactly that set, an empty parameter is "not given" and says so, and a PATCH without a body is
/// refused with 422 rather than answered 200 for a change that never happened.
final class APIContractTests: XCTestCase {
    /// The list endpoints and the definitions their handlers parse the query with.
    static let lists: [(path: String, definition: ListDefinition, role: Role)] = [
        (Site.API.chainGaps, ChainGaps.parameters, .admin), (Site.API.audit, AuditQueries.list, .auditor),
    ] + Registers.declared.map { ($0.apiPath, RegisterList.definition($0), .admin) }

    private func document(_ app: Application) async throws -> [String: Any] {
        let response = try await APIClient(app: app, token: nil).send(.GET, Site.API.openAPI)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: response.bodyData) as? [String: Any])
    }

    private func parameters(_ doc: [String: Any], _ path: String, _ method: String = "get") throws -> [String: [String: Any]] {
        let operation = try XCTUnwrap((doc["paths"] as? [String: Any])?[path] as? [String: Any])?[method] as? [String: Any]
        let list = try XCTUnwrap(operation?["parameters"] as? [[String: Any]], "\(method) \(path) has no parameters")
        return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as? String ?? "", $0) })
    }

    /// The values a fixed-set filter accepts, read from the domain's own enums (not from the filter).
    private func fixedValues(_ filter: ListFilter) -> Set<String>? {
        switch filter.kind {
        case .choice(_, let options): return Set(options.map(\.value))
        case .flag: return ["0", "1"]
        case .choiceSet(_, let options): return Set(options.map(\.value))
        case .heldQualification: return Set(Qualification.allCases.map(\.rawValue))
        // A time limit's states: a certificate expires (no 已办结), a deadline is also settled.
        case .timeLimit(let limit): return Set(RegisterExpiry.allCases.map(\.rawValue)).subtracting(limit.settledBy == nil ? ["settled"] : [])
        default: return nil
        }
    }

    func testEveryFilterCheckedAgainstAFixedSetIsThatEnumInTheDocumentAndTheServerAgrees() async throws {
        try await withApp { app, fixtures in
            let doc = try await document(app)
            for list in Self.lists {
                let documented = try parameters(doc, list.path)
                let api = try await APIClient.forRole(list.role, app: app, fixtures: fixtures)
                for filter in list.definition.filters {
                    let parameter = try XCTUnwrap(documented[filter.key], "\(list.path): filter \(filter.key) is not documented")
                    let schema = try XCTUnwrap(parameter["schema"] as? [String: Any])
                    guard let values = fixedValues(filter) else {
                        XCTAssertTrue(["pattern", "format", "minimum", "maxLength"].contains { schema[$0] != nil },
                                      "\(list.path) \(filter.key): the values the server checks are not stated: \(schema)")
                        continue
                    }
                    let enumerated = try XCTUnwrap(schema["enum"] as? [String], "\(list.path) \(filter.key) is not an enum: \(schema)")
                    XCTAssertEqual(Set(enumerated), values, "\(list.path) \(filter.key)")
                    XCTAssertEqual(enumerated.count, values.count, "\(list.path) \(filter.key): no value twice")
                    // Every documented value is answered; one outside the set is refused and named.
                    for value in enumerated {
                        let response = try await api.send(.GET, list.path + "?\(filter.key)=\(value)")
                        XCTAssertEqual(response.status, .ok, "\(list.path)?\(filter.key)=\(value): \(response.text)")
                    }
                    let refused = try SeenAPIError(try await api.send(.GET, list.path + "?\(filter.key)=no-such-value"))
                    XCTAssertEqual(refused.status, .badRequest, "\(list.path) \(filter.key)")
                    XCTAssertEqual(refused.field, filter.key)
                    XCTAssertTrue(refused.containsChinese, refused.message)
                }
            }
        }
    }

    /// Walks every operation: a query parameter either constrains its values (enum, pattern,
    /// format, bounds, length) or is free text the server matches against data (a region code).
    func testEveryQueryParameterStatesWhatTheServerAccepts() async throws {
        try await withApp { app, _ in
            let doc = try await document(app)
            var unconstrained: [String] = []
            var integersWithoutFormat: [String] = []
            for (path, item) in try XCTUnwrap(doc["paths"] as? [String: [String: Any]]) {
                for case let (method, operation as [String: Any]) in item {
                    for parameter in operation["parameters"] as? [[String: Any]] ?? [] where parameter["in"] as? String == "query" {
                        let schema = parameter["schema"] as? [String: Any] ?? [:]
                        let name = "\(method) \(path) \(parameter["name"] as? String ?? "?")"
                        if !["enum", "pattern", "format", "minimum", "maximum", "maxLength"].contains(where: { schema[$0] != nil }) {
                            unconstrained.append(name)
                        }
                        if schema["type"] as? String == "integer", schema["format"] == nil { integersWithoutFormat.append(name) }
                    }
                }
            }
            XCTAssertEqual(unconstrained.sorted(), ["get /api/v1/analytics/complexity/datasets/{id}/recommendations location"])
            XCTAssertEqual(integersWithoutFormat, [], "an integer parameter says it is 64-bit")
        }
    }

    /// `sort=`, `to=`, `page=` and every filter left empty (what a browser form sends for "all")
    /// mean "not given": the same answer as without them, and the document allows the empty value.
    func testAnEmptyParameterIsNotGivenAndTheDocumentSaysSo() async throws {
        try await withApp { app, fixtures in
            let doc = try await document(app)
            for list in Self.lists {
                let documented = try parameters(doc, list.path)
                let names = ["q", "page", "per", "sort"] + list.definition.filters.map(\.key)
                for name in names {
                    XCTAssertEqual(documented[name]?["allowEmptyValue"] as? Bool, true, "\(list.path) \(name) does not document the empty value")
                }
                let api = try await APIClient.forRole(list.role, app: app, fixtures: fixtures)
                let plain = try api.json(try await api.send(.GET, list.path))
                let empty = try await api.send(.GET, list.path + "?" + names.map { "\($0)=" }.joined(separator: "&"))
                XCTAssertEqual(empty.status, .ok, "\(list.path) with empty parameters: \(empty.text)")
                XCTAssertEqual(try api.json(empty)["total"] as? Int, plain["total"] as? Int, list.path)
            }
            // A value that is not a key is still refused, naming the parameter.
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let badSort = try SeenAPIError(try await admin.send(.GET, Site.API.units + "?sort=price"))
            XCTAssertEqual(badSort.status, .badRequest)
            XCTAssertEqual(badSort.field, "sort")
        }
    }

    /// A date bound is any real day `format: date` admits, however far off; a day that does not
    /// exist is refused.
    func testADateBoundIsAnyRealDay() async throws {
        try await withApp { app, fixtures in
            let auditor = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            for day in ["0209-10-06", "1899-12-31", "9999-12-31", "2024-02-29"] {
                let response = try await auditor.send(.GET, Site.API.audit + "?from=\(day)&to=\(day)")
                XCTAssertEqual(response.status, .ok, "\(day): \(response.text)")
            }
            for day in ["2023-02-29", "1900-02-29", "0000-01-01", "2024-13-01", "2024-1-01"] {
                let refused = try SeenAPIError(try await auditor.send(.GET, Site.API.audit + "?to=\(day)"))
                XCTAssertEqual(refused.status, .badRequest, day)
                XCTAssertEqual(refused.field, "to", day)
            }
        }
    }

    /// A PATCH whose body is missing or empty is refused with 422 and the error object (in
    /// Chinese), and changes nothing; `{}` is the documented "change nothing".
    func testAPatchWithoutABodyIsRefusedWith422() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let auditsBefore = try await Stored.count(app, "audit_log")
            for path in [Site.API.unit(fixtures.board), Site.API.user(fixtures.users[.leader]!)] {
                for body in [nil, "", "  \n"] as [String?] {
                    let refused = try SeenAPIError(try await api.send(.PATCH, path, json: body))
                    XCTAssertEqual(refused.status, .unprocessableEntity, "\(path) body \(String(describing: body))")
                    XCTAssertEqual(refused.code, "empty_patch")
                    XCTAssertEqual(refused.field, "body")
                    XCTAssertTrue(refused.containsChinese, refused.message)
                    XCTAssertEqual(refused.details.map(\.code), ["empty_patch"])
                }
                let nothing = try await api.send(.PATCH, path, json: "{}")
                XCTAssertEqual(nothing.status, .ok, "{} changes nothing: \(nothing.text)")
            }
            Check.equal(try await Stored.count(app, "audit_log"), auditsBefore, "nothing changed, nothing audited")
        }
    }

    /// Every PATCH in the document: the body is required, its schema is the create input's fields
    /// with none required, and the 422 it can answer is documented.
    func testEveryPatchDocumentsItsBodyAndItsRefusal() async throws {
        try await withApp { app, _ in
            let doc = try await document(app)
            let schemas = try XCTUnwrap((doc["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]])
            var patches = 0
            for (path, item) in try XCTUnwrap(doc["paths"] as? [String: [String: Any]]) {
                guard let patch = item["patch"] as? [String: Any] else { continue }
                patches += 1
                let body = try XCTUnwrap(patch["requestBody"] as? [String: Any], path)
                XCTAssertEqual(body["required"] as? Bool, true, path)
                let reference = try XCTUnwrap((((body["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any])?["$ref"] as? String)
                let name = String(reference.split(separator: "/").last!)
                XCTAssertTrue(name.hasSuffix("Patch"), "\(path): \(name)")
                let schema = try XCTUnwrap(schemas[name], name)
                XCTAssertNil(schema["required"], "\(name): a partial update requires no field")
                XCTAssertNotNil((patch["responses"] as? [String: Any])?["422"], "\(path): the 422 is documented")
            }
            XCTAssertGreaterThanOrEqual(patches, 6)
            // A field a create needs is required there, and null is "not given" only where it is optional.
            let unitInput = try XCTUnwrap(schemas["UnitInput"])
            XCTAssertEqual(Set(unitInput["required"] as? [String] ?? []), ["name", "kind"])
            let sortOrder = try XCTUnwrap((unitInput["properties"] as? [String: [String: Any]])?["sortOrder"])
            XCTAssertEqual(sortOrder["nullable"] as? Bool, true)
            XCTAssertEqual(sortOrder["maximum"] as? Int, InputLimits.sortOrder.upperBound)
            let source = try XCTUnwrap((schemas["ClusterPatch"]?["properties"] as? [String: [String: Any]])?["figuresSource"])
            XCTAssertTrue((source["enum"] as? [Any])?.contains { $0 is NSNull } ?? false, "a nullable enum lists null: \(source)")
            let kind = try XCTUnwrap((schemas["UnitPatch"]?["properties"] as? [String: [String: Any]])?["kind"])
            XCTAssertFalse((kind["enum"] as? [Any])?.contains { $0 is NSNull } ?? true, "a required choice is never null: \(kind)")
            XCTAssertNil((schemas["UnitPatch"]?["properties"] as? [String: Any])?["parentId"], "a unit moves through its own operation")
        }
    }
}
