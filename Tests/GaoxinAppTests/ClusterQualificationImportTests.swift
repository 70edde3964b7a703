import Fluent
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// The cluster registry and enterprises' qualifications import like every register: all or
/// nothing, every bad row reported, updates audited with before and after.
final class ClusterQualificationImportTests: XCTestCase {
    func testClustersImportCreateThenUpdateByNameAndReportEveryBadRow() async throws {
        try await withApp { app, fixtures in
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let bad = ImportDriver.csv([
                "集群名称,类别,牵头部门,年度营收目标（万元）,排序号",
                "集成电路,战略性新兴产业,WXGX,25000000,10",
                ",未来产业,WXGX,,",
                "生命健康,传统产业,不存在的部门,两亿,x",
                "集成电路,优势产业,WXGX,,",
            ])
            let (_, failed) = try await driver.viaPage("clusters", fileName: "c.csv", data: bad)
            XCTAssertEqual(failed["status"] as? String, "failed")
            XCTAssertEqual(ImportDriver.errors(failed), [
                .init(3, "集群名称", "", "请填写集群名称"),
                .init(4, "集群类别", "传统产业", "集群类别只能是：优势产业（焕新）、战略性新兴产业（壮大）、未来产业（培育）"),
                .init(4, "牵头部门", "不存在的部门", "牵头部门：找不到单位“不存在的部门”"),
                .init(4, "年度营收目标（万元）", "两亿", "年度营收目标应为整数（万元）"),
                .init(4, "排序号", "x", "排序号应为 -1000000–1000000 之间的整数"),
                .init(5, "集群名称", "集成电路", "与第 2 行重复"),
            ])
            let none = try await Stored.count(app, "clusters")
            XCTAssertEqual(none, 0)

            let good = ImportDriver.csv([
                "集群名称,类别,牵头部门,年度营收目标（万元）",
                "集成电路,战略性新兴产业,WXGX,25000000",
                "未来产业,future,无锡高新区,",
            ], bom: true)
            let (_, created) = try await driver.viaAPI("clusters", fileName: "c.csv", data: good)
            XCTAssertEqual(created["status"] as? String, "succeeded", "\(created)")
            XCTAssertEqual(created["inserted"] as? Int, 2)

            let chipBefore = try await Cluster.query(on: app.db).filter(\.$name == "集成电路").first()
            let chipID = try XCTUnwrap(chipBefore?.id)
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            Check.equal(try await office.send(.PATCH, Site.API.cluster(chipID), body: ["liaisonLeader": "王副主任", "note": "链长制"]).status, .ok)
            let update = ImportDriver.csv([
                "集群名称,类别,牵头部门,年度营收目标（万元）",
                "集成电路,战略性新兴产业,WXGX,26000000",
                "未来产业,future,无锡高新区,",
            ])
            let (_, updated) = try await driver.viaAPI("clusters", fileName: "c.csv", data: update)
            XCTAssertEqual(updated["inserted"] as? Int, 1, "the unchanged row writes nothing")
            let chip = try await Cluster.query(on: app.db).filter(\.$name == "集成电路").first()
            XCTAssertEqual(chip?.annualTarget, 26_000_000)
            XCTAssertEqual(chip?.liaisonLeader, "王副主任", "a column the file lacks keeps its value")
            XCTAssertEqual(chip?.note, "链长制")
            let audits = try await Stored.audit(app, entity: "cluster", action: "update")
            XCTAssertEqual(audits.count, 2, "the PATCH and the one changed import row")
            let imported = try XCTUnwrap(audits.first { $0.afterJSON?.contains("26000000") ?? false })
            XCTAssertTrue(imported.beforeJSON?.contains("25000000") ?? false)
        }
    }

    /// The registry is the office's (issue 12 item 9): a lead department imports no clusters.
    func testTheClusterRegistryImportIsTheOffices() async throws {
        try await withApp { app, fixtures in
            let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
            let refused = try await team.send(.GET, "/imports/clusters/template")
            XCTAssertEqual(refused.status, .forbidden)
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let data = ImportDriver.csv(["集群名称,类别,牵头部门", "新材料,优势产业,ZS-SMJK", "新材料,优势产业,ZS-JCDL"])
            let (_, job) = try await driver.viaAPI("clusters", fileName: "c.csv", data: data)
            XCTAssertEqual(ImportDriver.errors(job), [.init(3, "集群名称", "新材料", "与第 2 行重复")])
            let none = try await Stored.count(app, "clusters")
            XCTAssertEqual(none, 0, "all or nothing")
        }
    }

    func testQualificationsImportForRegisteredEnterprisesOnly() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let known = USCC.numbered(601)
            let id = try await office.createEnterprise("高企甲", code: known, unit: fixtures.zone)
            let unknown = USCC.numbered(602)
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let bad = ImportDriver.csv([
                "统一社会信用代码,资质类型,认定日期,有效期至",
                "\(known),高新技术企业,2024-12-01,2027-11-30",
                "\(unknown),高新技术企业,2024-12-01,",
                "\(known),五星企业,2024-12-01,",
                "\(known),瞪羚企业,2024/12/01,",
                "\(known),高新技术企业,2024-12-01,2027-11-30",
            ])
            let (_, failed) = try await driver.viaAPI("qualifications", fileName: "q.csv", data: bad)
            XCTAssertEqual(ImportDriver.errors(failed), [
                .init(3, "统一社会信用代码", unknown, "该企业尚未登记，请先导入企业名录"),
                .init(4, "资质类型", "五星企业", "资质类型“五星企业”不存在，可选：" + Qualification.allCases.map(\.nameZh).joined(separator: "、")),
                .init(5, "认定日期", "2024/12/01", "认定日期应为 YYYY-MM-DD 格式的日期，如 2024-12-01"),
                .init(6, "资质类型", "高新技术企业", "与第 2 行重复"),
            ])
            let none = try await Stored.count(app, "enterprise_qualifications")
            XCTAssertEqual(none, 0)

            let good = ImportDriver.csv(["统一社会信用代码,企业名称,资质类型,认定日期,有效期至", "\(known),高企甲,高新技术企业,2024-12-01,2027-11-30", "\(known),高企甲,专精特新,2025-06-01,"])
            let (_, job) = try await driver.viaPage("qualifications", fileName: "q.csv", data: good)
            XCTAssertEqual(job["status"] as? String, "succeeded", "\(job)")
            XCTAssertEqual(job["inserted"] as? Int, 2)
            let listed = try parseJSONObject(try await office.send(.GET, Site.API.enterpriseQualifications(id)))
            XCTAssertEqual((listed["items"] as? [[String: Any]])?.count, 2)
            let (_, again) = try await driver.viaAPI("qualifications", fileName: "q.csv", data: good)
            XCTAssertEqual(ImportDriver.errors(again).map(\.reason), ["该资质已登记", "该资质已登记"], "a second import reports, never doubles")
        }
    }
}

/// Chain maps imported as the tables they are drawn in.
final class ChainNodeImportTests: XCTestCase {
    func makeChain(_ app: Application, _ fixtures: Fixtures, lead: Int) async throws -> (cluster: Int, chain: Int) {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let cluster = try parseJSONObject(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(lead)}"))
        let clusterID = try XCTUnwrap(cluster["id"] as? Int)
        let chain = try parseJSONObject(try await api.send(.POST, Site.API.clusterChains(clusterID), json: #"{"name":"集成电路产业链"}"#))
        return (clusterID, try XCTUnwrap(chain["id"] as? Int))
    }

    func testATreeImportsWithParentsFromEarlierRowsAndUpdatesOnASecondImport() async throws {
        try await withApp { app, fixtures in
            let (_, chainID) = try await makeChain(app, fixtures, lead: fixtures.zone)
            let driver = try await ImportDriver.signedIn(.office, app: app, fixtures: fixtures)
            let bad = ImportDriver.csv([
                "集群名称,产业链名称,位置,环节名称,上级环节,行业代码",
                "集成电路,集成电路产业链,上游,芯片设计,,6520",
                "生命健康,生物医药产业链,上游,原料药,,2710",
                "集成电路,不存在的链,上游,材料,,3985",
                "集成电路,集成电路产业链,,晶圆制造,,3973",
                "集成电路,集成电路产业链,上游,光刻胶,半导体材料,3985",
                "集成电路,集成电路产业链,中游,封装,,A3973",
                "集成电路,集成电路产业链,上游,芯片设计,,6520",
            ])
            let (_, failed) = try await driver.viaAPI("chain-nodes", fileName: "n.csv", data: bad)
            XCTAssertEqual(ImportDriver.errors(failed), [
                .init(3, "集群名称", "生命健康", "集群不存在"),
                .init(4, "产业链名称", "不存在的链", "该集群没有这条产业链，请先在集群页面新建"),
                .init(5, "位置", "", "顶层环节须填写位置：上游、中游或下游"),
                .init(6, "上级环节", "半导体材料", "本产业链中没有该环节（须为已有环节或本文件前面的行）"),
                .init(7, "行业代码", "A3973", "门类字母“A”与大类不符，应为“C”"),
                .init(8, "环节名称", "芯片设计", "与第 2 行是同一环节"),
            ])
            let none = try await Stored.count(app, "chain_nodes")
            XCTAssertEqual(none, 0)

            let good = ImportDriver.csv([
                "集群名称,产业链名称,位置,环节名称,上级环节,行业代码,关键产品与技术",
                "集成电路,集成电路产业链,上游,半导体材料,,3985,硅片",
                "集成电路,集成电路产业链,下游,光刻胶,半导体材料,3985,KrF/ArF 光刻胶",
                "集成电路,集成电路产业链,中游,晶圆制造,,3973,",
            ])
            let (_, created) = try await driver.viaPage("chain-nodes", fileName: "n.csv", data: good)
            XCTAssertEqual(created["status"] as? String, "succeeded", "\(created)")
            XCTAssertEqual(created["inserted"] as? Int, 3)
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let map = try parseJSONObject(try await api.send(.GET, Site.API.chain(chainID)))
            let nodes = try XCTUnwrap(map["nodes"] as? [[String: Any]])
            XCTAssertEqual(nodes.map { $0["name"] as? String }, ["半导体材料", "光刻胶", "晶圆制造"])
            XCTAssertEqual(nodes[1]["segment"] as? String, "upstream", "a sub-node sits in its parent's segment whatever the row says")
            XCTAssertEqual(nodes[1]["depth"] as? Int, 1)

            let update = ImportDriver.csv([
                "集群名称,产业链名称,位置,环节名称,上级环节,行业代码,关键产品与技术",
                "集成电路,集成电路产业链,上游,半导体材料,,3985,硅片",
                "集成电路,集成电路产业链,上游,光刻胶,半导体材料,\"3985,2664\",光刻胶与配套试剂",
            ])
            let (_, updated) = try await driver.viaAPI("chain-nodes", fileName: "n.csv", data: update)
            XCTAssertEqual(updated["inserted"] as? Int, 1, "the unchanged row writes nothing")
            let after = try parseJSONObject(try await api.send(.GET, Site.API.chain(chainID)))
            let resist = try XCTUnwrap((after["nodes"] as? [[String: Any]])?.first { $0["name"] as? String == "光刻胶" })
            XCTAssertEqual(resist["industryCodes"] as? [String], ["3985", "2664"])
            let audits = try await Stored.audit(app, entity: "chain_node", action: "update")
            XCTAssertEqual(audits.count, 1)
            let count = try await Stored.count(app, "chain_nodes")
            XCTAssertEqual(count, 3)
        }
    }

    func testOnlyTheLeadDepartmentImportsIntoItsChains() async throws {
        try await withApp { app, fixtures in
            _ = try await makeChain(app, fixtures, lead: fixtures.otherTeam)
            let driver = try await ImportDriver.signedIn(.unit, app: app, fixtures: fixtures)
            let data = ImportDriver.csv(["集群名称,产业链名称,位置,环节名称", "集成电路,集成电路产业链,上游,芯片设计"])
            let (_, job) = try await driver.viaAPI("chain-nodes", fileName: "n.csv", data: data)
            XCTAssertEqual(ImportDriver.errors(job), [.init(2, "集群名称", "集成电路", "该集群的牵头部门不属于本单位，不能修改其产业链")])
        }
    }
}
