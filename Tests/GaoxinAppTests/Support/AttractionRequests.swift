import XCTVapor
import XCTest
@testable import GaoxinApp

/// Requests the attraction tests share: a lead source, a lead and a project through the API.
enum AttractionRequests {
    static func source(_ office: APIClient, _ name: String = "产业链招商") async throws -> Int {
        let created = try await office.send(.POST, RegisterDeclaration.leadSources.apiPath, body: ["name": name])
        XCTAssertEqual(created.status, .created, created.text)
        return try XCTUnwrap(parseJSONObject(created)["id"] as? Int)
    }

    static func lead(_ client: APIClient, _ code: String, _ company: String, source: Int, unit: Int, stage: String = "contacting",
                      extra: [String: Any] = [:]) async throws -> XCTHTTPResponse {
        try await client.send(.POST, RegisterDeclaration.leads.apiPath, body: ["code": code, "companyName": company, "sourceId": source,
                                                                              "owningUnitId": unit, "stage": stage].merging(extra) { $1 })
    }

    static func project(_ client: APIClient, _ code: String, unit: Int, investment: Int64, signedOn: String = "2026-03-01",
                         extra: [String: Any] = [:]) async throws -> XCTHTTPResponse {
        try await client.send(.POST, RegisterDeclaration.projects.apiPath, body: [
            "code": code, "name": "项目\(code)", "investor": "投资方\(code)", "owningUnitId": unit, "category": "industrial",
            "totalInvestment": investment, "level": "municipal", "stage": "signed", "signedOn": signedOn,
        ].merging(extra) { $1 })
    }

    /// The id of the record a create answered 201 with.
    static func created(_ response: XCTHTTPResponse, file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        XCTAssertEqual(response.status, .created, response.text, file: file, line: line)
        return try XCTUnwrap(try parseJSONObject(response)["id"] as? Int, file: file, line: line)
    }

    /// A cluster led by `unit` with one chain and one node; the node's id.
    static func chainNode(_ office: APIClient, cluster: String, node: String, leadUnit: Int) async throws -> (cluster: Int, node: Int) {
        let clusterID = try created(try await office.send(.POST, Site.API.clusters, json: "{\"name\":\"\(cluster)\",\"category\":\"emerging\",\"leadUnitId\":\(leadUnit)}"))
        let chain = try created(try await office.send(.POST, Site.API.clusterChains(clusterID), json: "{\"name\":\"\(cluster)产业链\"}"))
        let nodeID = try created(try await office.send(.POST, Site.API.chainNodes(chain), json: "{\"segment\":\"midstream\",\"name\":\"\(node)\"}"))
        return (clusterID, nodeID)
    }
}
