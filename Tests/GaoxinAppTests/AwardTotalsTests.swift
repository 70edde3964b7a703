@testable import GaoxinApp
import XCTVapor
import XCTest

/// Awards and subsidies summed per enterprise and per cluster: an enterprise's page adds up its
/// own; a cluster's adds up those of the enterprises on its active chains, each enterprise once
/// however many nodes it is attached to; the list adds up what its filter matches.
final class AwardTotalsTests: XCTestCase {
    func testSubsidiesAreSummedPerEnterpriseAndPerClusterCountingEachEnterpriseOnce() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            func created(_ response: XCTHTTPResponse) throws -> Int {
                XCTAssertEqual(response.status, .created, response.text)
                return try XCTUnwrap(try parseJSONObject(response)["id"] as? Int)
            }
            let cluster = try created(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))
            let chain = try created(try await api.send(.POST, Site.API.clusterChains(cluster), json: #"{"name":"集成电路产业链"}"#))
            let design = try created(try await api.send(.POST, Site.API.chainNodes(chain), json: #"{"segment":"upstream","name":"芯片设计"}"#))
            let fab = try created(try await api.send(.POST, Site.API.chainNodes(chain), json: #"{"segment":"midstream","name":"晶圆制造"}"#))
            let both = try await api.createEnterprise("奖补测试甲公司", code: USCC.numbered(701), unit: fixtures.zone)
            let one = try await api.createEnterprise("奖补测试乙公司", code: USCC.numbered(702), unit: fixtures.zone)
            let outside = try await api.createEnterprise("集群外丙公司", code: USCC.numbered(703), unit: fixtures.zone)
            for (node, enterprise) in [(design, both), (fab, both), (fab, one)] {
                try await AssertAsync.equal(try await api.send(.PUT, Site.API.chainNodeEnterprise(node, enterprise)).status, .noContent)
            }
            let policy = try created(try await api.send(.POST, RegisterDeclaration.policies.apiPath,
                                                        json: "{\"name\":\"研发奖励办法\",\"tier\":\"N\",\"issuingUnitId\":\(fixtures.zone)}"))
            func award(_ code: String, _ enterprise: Int, kind: String = "subsidy", amount: Int? = nil) async throws -> XCTHTTPResponse {
                let money = amount.map { ",\"amount\":\($0)" } ?? ""
                return try await api.send(.POST, RegisterDeclaration.awards.apiPath, json: """
                    {"code":"\(code)","title":"研发投入奖励","enterpriseId":\(enterprise),"kind":"\(kind)","grantedOn":"2025-03-01",\
                    "grantingUnitId":\(fixtures.zone),"policyId":\(policy)\(money)}
                    """)
            }
            // A subsidy needs its amount; a plaque does not.
            let missing = try await award("JB-0", both)
            XCTAssertEqual(missing.status, .unprocessableEntity)
            XCTAssertEqual(try apiErrorObject(missing)["field"] as? String, "amount")
            XCTAssertEqual(try apiErrorObject(missing)["message"] as? String, "奖补资金须填写金额")
            _ = try created(try await award("JB-1", both, amount: 5_000))
            _ = try created(try await award("JB-2", both, amount: 1_000))
            _ = try created(try await award("JB-3", both, kind: "plaque"))
            _ = try created(try await award("JB-4", one, amount: 400))
            _ = try created(try await award("JB-5", outside, amount: 10_000))
            let withdrawn = try created(try await award("JB-6", one, amount: 99_000))
            try await AssertAsync.equal(try await api.send(.POST, RegisterDeclaration.awards.apiPath(withdrawn) + "/deactivate").status, .ok)

            let browser = try await Browser.signedIn(app, as: .office)
            let enterprisePage = try await browser.get(Site.enterprise(both)).text
            XCTAssertTrue(enterprisePage.contains("共 3 条，金额合计 0.60 亿元"), "5,000 + 1,000 万元 and a plaque")
            let clusterPage = try await browser.get(Site.cluster(cluster)).text
            XCTAssertTrue(clusterPage.contains("授牌与奖补（本集群企业，每家计一次）"))
            XCTAssertTrue(clusterPage.contains("共 4 条，金额合计 0.64 亿元"), "甲's three and 乙's one; 丙 is outside, the withdrawn one is not counted")
            XCTAssertFalse(clusterPage.contains("集群外丙公司"))
            let policyPage = try await browser.get(RegisterDeclaration.policies.path(policy)).text
            XCTAssertTrue(policyPage.contains("共 5 条，金额合计 1.64 亿元"), "every active award under the policy")

            let listed = try parseJSONObject(try await api.send(.GET, RegisterDeclaration.awards.apiPath + "?enterpriseCluster=\(cluster)&per=100"))
            XCTAssertEqual(listed["total"] as? Int, 5, "four active and the withdrawn one: the API lists deactivated records too unless filtered")
            let active = try parseJSONObject(try await api.send(.GET, RegisterDeclaration.awards.apiPath + "?enterpriseCluster=\(cluster)&active=1"))
            XCTAssertEqual(Set((active["items"] as? [[String: Any]])?.compactMap { $0["code"] as? String } ?? []), ["JB-1", "JB-2", "JB-3", "JB-4"])
            let listPage = try await browser.get(RegisterDeclaration.awards.path + "?enterpriseCluster=\(cluster)&active=1").text
            XCTAssertTrue(listPage.contains("筛选结果 4 条，金额合计 0.64 亿元"))
            try await AssertAsync.equal(try await api.send(.GET, RegisterDeclaration.awards.apiPath + "?enterpriseCluster=abc").status, .badRequest)
        }
    }
}
