import Fluent
import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// A reference is typed, then chosen, without JavaScript: the server searches the active records
/// whose name contains the text (case-insensitive, shortest name first), takes a single match and
/// offers several as a select posting the id — on the chain map's attach form and on every
/// declared register's typed reference fields.
final class ReferencePickerTests: XCTestCase {
    struct Setup { var chain: Int; var node: Int; var zhongyuLong: Int; var zhongyuShort: Int; var hengtai: Int; var gxt: Int; var retired: Int }

    /// A chain with one node, and enterprises two of which share 中誉 (a third, deactivated, too).
    func setUp(_ app: Application, _ fixtures: Fixtures) async throws -> Setup {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let cluster = try parseJSONObject(try await api.send(.POST, Site.API.clusters, json: "{\"name\":\"集成电路\",\"category\":\"emerging\",\"leadUnitId\":\(fixtures.zone)}"))
        let chain = try parseJSONObject(try await api.send(.POST, Site.API.clusterChains(try XCTUnwrap(cluster["id"] as? Int)), json: #"{"name":"集成电路产业链"}"#))
        let chainID = try XCTUnwrap(chain["id"] as? Int)
        let node = try parseJSONObject(try await api.send(.POST, Site.API.chainNodes(chainID), json: #"{"segment":"midstream","name":"晶圆制造","industryCodes":["3973"]}"#))
        let long = try await api.createEnterprise("无锡中誉电子科技有限公司", code: USCC.numbered(901), unit: fixtures.zone)
        let short = try await api.createEnterprise("中誉科技有限公司", code: USCC.numbered(902), unit: fixtures.zone)
        let hengtai = try await api.createEnterprise("恒泰集成电路有限公司", code: USCC.numbered(903), unit: fixtures.zone)
        let gxt = try await api.createEnterprise("GXT微电子有限公司", code: USCC.numbered(904), unit: fixtures.zone)
        let retired = try await api.createEnterprise("中誉旧厂有限公司", code: USCC.numbered(905), unit: fixtures.zone)
        let deactivated = try await api.send(.POST, Site.API.enterpriseDeactivate(retired))
        XCTAssertEqual(deactivated.status, .ok, deactivated.text)
        return Setup(chain: chainID, node: try XCTUnwrap(node["id"] as? Int), zhongyuLong: long, zhongyuShort: short, hengtai: hengtai, gxt: gxt, retired: retired)
    }

    func attached(_ app: Application, _ s: Setup) async throws -> Set<Int> {
        Set(try await ChainNodeEnterprise.query(on: app.db).filter(\.$nodeID == s.node).all().map(\.enterpriseID))
    }

    func testTypingTwoCharactersOfOneEnterprisesNameAttachesIt() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures)
            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.chain(s.chain))
            let hengtai = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterprise", "恒泰")])
            XCTAssertEqual(hengtai.status, .seeOther, hengtai.text)
            let gxt = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterprise", "gxt")])
            XCTAssertEqual(gxt.status, .seeOther, "the search ignores case, as the enterprise list's does")
            let linked = try await attached(app, s)
            XCTAssertEqual(linked, [s.hengtai, s.gxt])
            try await AssertAsync.equal(try await Stored.audit(app, entity: "chain_node_enterprise", action: "create").count, 2)
            // The exact name and the credit code still work as before.
            let exact = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterprise", "中誉科技有限公司")])
            XCTAssertEqual(exact.status, .seeOther)
            let byCode = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterprise", USCC.numbered(901))])
            XCTAssertEqual(byCode.status, .seeOther)
            let all = try await attached(app, s)
            XCTAssertEqual(all, [s.hengtai, s.gxt, s.zhongyuShort, s.zhongyuLong])

            // Attached twice through the form: the message at the field, nothing written; the API's PUT stays idempotent.
            let audits = try await Stored.audit(app, entity: "chain_node_enterprise", action: "create").count
            let again = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterprise", "恒泰")])
            XCTAssertEqual(again.status, .unprocessableEntity, again.text)
            let message = "企业“恒泰集成电路有限公司”已关联到环节“晶圆制造”，无需重复关联"
            XCTAssertTrue(again.text.contains("id=\"enterprise-error\">\(message)</span>"), "the message beside the node's attach box: \(again.text)")
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            try await AssertAsync.equal(try await api.send(.PUT, Site.API.chainNodeEnterprise(s.node, s.hengtai)).status, .noContent)
            try await AssertAsync.equal(try await attached(app, s), all)
            try await AssertAsync.equal(try await Stored.audit(app, entity: "chain_node_enterprise", action: "create").count, audits)
        }
    }

    func testTwoCharactersMatchingSeveralOfferASelectAndTheChosenOneIsAttached() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures)
            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.chain(s.chain))
            let several = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterprise", "中誉")])
            XCTAssertEqual(several.status, .unprocessableEntity)
            let page = several.text
            XCTAssertTrue(page.contains("找到 2 家名称包含“中誉”的企业，请选择"), page)
            XCTAssertTrue(page.contains("name=\"enterpriseId\""), "a select of the candidates")
            let short = try XCTUnwrap(page.range(of: "<option value=\"\(s.zhongyuShort)\">中誉科技有限公司（\(USCC.numbered(902))）</option>"))
            let long = try XCTUnwrap(page.range(of: "<option value=\"\(s.zhongyuLong)\">无锡中誉电子科技有限公司（\(USCC.numbered(901))）</option>"))
            XCTAssertLessThan(short.lowerBound, long.lowerBound, "the shortest name first")
            XCTAssertFalse(page.contains("中誉旧厂有限公司"), "a deactivated enterprise is not offered")
            XCTAssertTrue(page.contains("enterprise-error"), "the message stands beside the field")
            let nothingYet = try await attached(app, s)
            XCTAssertEqual(nothingYet, [])

            let chosen = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterpriseId", "\(s.zhongyuLong)"), ("enterprise", "")])
            XCTAssertEqual(chosen.status, .seeOther, chosen.text)
            let linked = try await attached(app, s)
            XCTAssertEqual(linked, [s.zhongyuLong])
            // A text typed beside the select searches again instead.
            let retyped = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterpriseId", "\(s.zhongyuLong)"), ("enterprise", "恒泰")])
            XCTAssertEqual(retyped.status, .seeOther)
            let both = try await attached(app, s)
            XCTAssertEqual(both, [s.zhongyuLong, s.hengtai])
        }
    }

    func testNothingMatchingKeepsTheMessageAndMoreThanTenAreCut() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures)
            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.chain(s.chain))
            let none = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterprise", "无此企业")])
            XCTAssertEqual(none.status, .unprocessableEntity)
            XCTAssertTrue(none.text.contains("找不到企业“无此企业”"))
            XCTAssertFalse(none.text.contains("name=\"enterpriseId\""))
            XCTAssertTrue(none.text.contains("value=\"无此企业\""), "the typed text comes back")
            let wildcard = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterprise", "%")])
            XCTAssertEqual(wildcard.status, .unprocessableEntity, "% is a character, not a wildcard")
            XCTAssertTrue(wildcard.text.contains("找不到企业“%”"))

            for n in 1...12 {
                let e = Enterprise()
                e.creditCode = USCC.numbered(700 + n)
                e.name = "测试批量企业\(n)号"
                e.industryCode = "3973"
                e.unitID = fixtures.zone
                e.aboveScale = false
                e.active = true
                try await e.create(on: app.db)
            }
            let many = try await browser.post(Site.chainNodeEnterprises(s.node), [("enterprise", "批量")])
            XCTAssertEqual(many.status, .unprocessableEntity)
            XCTAssertTrue(many.text.contains("找到 10 家以上名称包含“批量”的企业"), many.text)
            XCTAssertEqual(many.text.components(separatedBy: "测试批量企业").count - 1, 10, "at most ten are offered")
            let linked = try await attached(app, s)
            XCTAssertEqual(linked, [])
        }
    }

    // MARK: declared registers

    /// A register with two enterprise references, declared here: the checker and the form are the machinery's.
    static let probe = RegisterDeclaration(
        key: "picker-probes", table: "picker_probes", entity: "picker_probe", schemaName: "PickerProbe", titleZh: "选择探针", titleEn: "Picker probe",
        fields: [
            RegisterField(key: "name", zh: "名称", en: "Name", kind: .text(max: 50), required: true),
            RegisterField(key: "employerId", zh: "所在企业", en: "Employer", kind: .reference(.enterprise)),
            RegisterField(key: "partnerId", zh: "合作企业", en: "Partner", kind: .reference(.enterprise)),
        ],
        nameField: "name", importKey: "name", policy: Policies.programme, ownership: .officeOnly)

    func check(_ app: Application, _ fixtures: Fixtures, _ texts: [String: String], source: RegisterInput.Source = .form) async throws -> RegisterChecker.Outcome {
        let actor = Actor(userID: fixtures.users[.office]!, username: "t-office", displayName: "测试集群办", roles: [.office],
                          unitID: fixtures.zone, unitPath: UnitPath(ids: [fixtures.root, fixtures.board, fixtures.zone]), unitName: "无锡高新区", tokenReadOnly: nil)
        let outcomes = try await RegisterChecker.check(Self.probe, [(RegisterInput(source: source, texts: texts), nil)], actor: actor, on: app.db)
        return try XCTUnwrap(outcomes.first)
    }

    func testARegistersTypedReferenceResolvesOneMatchAndListsSeveral() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures)
            // Two texts of one submission, both found by part of the name.
            let one = try await check(app, fixtures, ["name": "甲", "employerId": "恒泰", "partnerId": "gxt"])
            XCTAssertEqual(one.errors, [])
            XCTAssertEqual(one.values["employerId"], .integer(Int64(s.hengtai)))
            XCTAssertEqual(one.values["partnerId"], .integer(Int64(s.gxt)))

            let several = try await check(app, fixtures, ["name": "乙", "employerId": "中誉", "partnerId": "无此企业"])
            let employer = try XCTUnwrap(several.errors.first { $0.field == "employerId" })
            XCTAssertEqual(employer.messageZh, "所在企业：找到 2 家名称包含“中誉”的企业，请选择：中誉科技有限公司、无锡中誉电子科技有限公司")
            let partner = try XCTUnwrap(several.errors.first { $0.field == "partnerId" })
            XCTAssertEqual(partner.messageZh, "合作企业：找不到企业“无此企业”", "nothing matching keeps the message")

            // The chosen one (the select posts its id) resolves.
            let chosen = try await check(app, fixtures, ["name": "乙", "employerId": "\(s.zhongyuLong)"])
            XCTAssertEqual(chosen.errors, [])
            XCTAssertEqual(chosen.values["employerId"], .integer(Int64(s.zhongyuLong)))

            // An import file names a record exactly: a part of a name is not searched there.
            let file = try await check(app, fixtures, ["name": "丙", "employerId": "恒泰"], source: .file)
            XCTAssertEqual(file.errors.map(\.field), ["employerId"])
        }
    }

    func testARegistersFormOffersTheCandidatesAsASelectOnReRender() async throws {
        try await withApp { app, fixtures in
            let s = try await setUp(app, fixtures)
            let posted = ["name": "乙", "employerId": "中誉", "partnerId": "\(s.gxt)"]
            let outcome = try await check(app, fixtures, posted)
            // Enterprises at province scale are typed (no select of every one): no options for them.
            let options: [String: [FormField.Option]] = [:]
            let pickers = try await RegisterPicker.pickers(Self.probe, values: posted, options: options, errors: outcome.errors, on: app.db)
            XCTAssertEqual(pickers["employerId"]?.options.map(\.value), ["\(s.zhongyuShort)", "\(s.zhongyuLong)"])
            XCTAssertEqual(pickers["employerId"]?.options.first?.label, "中誉科技有限公司（\(USCC.numbered(902))）")
            XCTAssertNil(pickers["employerId"]?.selected)
            XCTAssertEqual(pickers["partnerId"]?.selected, "\(s.gxt)", "a chosen id is shown as its record")
            XCTAssertEqual(pickers["partnerId"]?.options.map(\.label), ["GXT微电子有限公司（\(USCC.numbered(904))）"])

            let context = PageContext(lang: .zh, actor: nil, csrfToken: "token", path: "/picker-probes", notice: nil)
            let html = RegisterFormView.render(context, Self.probe, recordID: nil, values: posted, lists: [:], options: options,
                                               errors: outcome.errors, pickers: pickers).render()
            XCTAssertTrue(html.contains("<select id=\"employerId\" name=\"employerId\">"), html)
            XCTAssertTrue(html.contains("<option value=\"\(s.zhongyuLong)\">无锡中誉电子科技有限公司（\(USCC.numbered(901))）</option>"))
            XCTAssertTrue(html.contains("name=\"employerIdSearch\""), "a box to search again")
            XCTAssertTrue(html.contains("找到 2 家名称包含“中誉”的企业，请选择"))
            XCTAssertTrue(html.contains("<option value=\"\(s.gxt)\" selected=\"selected\">"))
            XCTAssertTrue(html.contains("name=\"name\""), "other fields keep their controls")

            // The next post: a text typed in the search box wins over the select; otherwise the select's id is read.
            XCTAssertEqual(RegisterPicker.fold(["employerId": "\(s.zhongyuLong)", "employerIdSearch": " 恒泰 "], Self.probe)["employerId"], "恒泰")
            XCTAssertEqual(RegisterPicker.fold(["employerId": "\(s.zhongyuLong)", "employerIdSearch": ""], Self.probe), ["employerId": "\(s.zhongyuLong)"])
        }
    }
}
