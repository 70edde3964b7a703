import Fluent
import GaoxinDomain
@testable import GaoxinApp
import GaoxinSheets
import XCTVapor
import XCTest

/// The enterprise register over HTTP: the form (with CSRF) and the JSON API create, edit,
/// deactivate and report monthly figures, each change audited with before and after; every
/// rule failure is a 422 beside its field in Chinese and writes nothing; the unit role writes
/// only in its own subtree; leaders and parks read only; the list searches, filters, sorts,
/// pages and exports.
final class EnterpriseWriteTests: XCTestCase {
    // MARK: Create

    func testCreateThroughFormRedirectsToTheEnterpriseAndAuditsIt() async throws {
        try await withApp { app, fixtures in
            let browser = try await Browser.signedIn(app, as: .office)
            let form = try await browser.get(Site.enterpriseNew)
            XCTAssertEqual(form.status, .ok)
            let unitSelect = HTMLProbe.section(form.text, from: "id=\"unitId\"", to: "</select>")
            for unit in [fixtures.root, fixtures.board, fixtures.zone, fixtures.team, fixtures.otherTeam] {
                XCTAssertTrue(unitSelect.contains("value=\"\(unit)\""), "office may choose unit \(unit): \(unitSelect)")
            }
            let enterprises = try await Probe.count(app, "enterprises"), audits = try await Probe.auditCount(app, entity: "enterprise")
            let code = USCC.numbered(1)
            let response = try await browser.post(Site.enterprises, [
                ("name", "无锡芯测半导体有限公司"), ("creditCode", " " + code.lowercased()), ("industryCode", "c3976"),
                ("unitId", "\(fixtures.team)"), ("aboveScale", "1"), ("tier", "backbone"), ("address", "无锡市新吴区长江路 7 号"), ("note", ""),
            ])
            XCTAssertEqual(response.status, .seeOther, response.text)
            let location = try XCTUnwrap(response.location)
            XCTAssertTrue(location.hasSuffix("?notice=created"), location)
            let id = try XCTUnwrap(Int(location.dropFirst("/enterprises/".count).prefix { $0.isNumber }), location)
            let stored = try await Probe.enterprise(app, id)
            XCTAssertEqual(stored.creditCode, code, "kept upper-cased and trimmed")
            XCTAssertEqual(stored.name, "无锡芯测半导体有限公司")
            XCTAssertEqual(stored.industryCode, "3976", "kept as digits, the section letter dropped")
            XCTAssertEqual(stored.unitID, fixtures.team)
            XCTAssertTrue(stored.aboveScale)
            XCTAssertEqual(stored.tier, "backbone")
            XCTAssertEqual(stored.address, "无锡市新吴区长江路 7 号")
            XCTAssertNil(stored.note, "an empty note is no note")
            XCTAssertTrue(stored.active)
            Check.equal(try await Probe.count(app, "enterprises"), enterprises + 1)
            Check.equal(try await Probe.auditCount(app, entity: "enterprise"), audits + 1)

            let audit = try Check.unwrap(try await Probe.lastAudit(app, entity: "enterprise", id: id))
            XCTAssertEqual(audit.action, "create")
            XCTAssertEqual(audit.actorId, fixtures.users[.office])
            XCTAssertNil(audit.beforeJson)
            let after = try parseJSONObject(audit.afterJson)
            XCTAssertEqual(after["creditCode"] as? String, code)
            XCTAssertEqual(after["industryCode"] as? String, "3976")
            XCTAssertEqual(after["tier"] as? String, "backbone")

            let page = try await browser.get(location)
            XCTAssertEqual(page.status, .ok)
            for text in ["无锡芯测半导体有限公司", code, "3976 光电子器件制造（C 门类 制造业）", "集成电路招商团队", "骨干", "无锡市新吴区长江路 7 号", "尚无填报"] {
                XCTAssertTrue(page.text.contains(text), "the page shows \(text)")
            }
        }
    }

    func testCreateThroughAPIReturns201WithTheEnterprise() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let code = USCC.numbered(2)
            let response = try await api.send(.POST, Site.API.enterprises, body: [
                "name": "江苏长电封装测试有限公司", "creditCode": code, "industryCode": "3973", "unitId": fixtures.otherTeam,
                "aboveScale": true, "tier": "链主", "address": "江阴市滨江中路",
            ])
            XCTAssertEqual(response.status, .created, response.text)
            let body = try api.object(response)
            let id = try XCTUnwrap(body["id"] as? Int)
            XCTAssertEqual(body["creditCode"] as? String, code)
            XCTAssertEqual(body["industryCode"] as? String, "3973")
            XCTAssertEqual(body["industryName"] as? String, "集成电路制造")
            XCTAssertEqual(body["unitId"] as? Int, fixtures.otherTeam)
            XCTAssertEqual(body["unitName"] as? String, "生命健康招商团队")
            XCTAssertEqual(body["aboveScale"] as? Bool, true)
            XCTAssertEqual(body["tier"] as? String, "chainLeader", "a tier given by its Chinese name is stored by code")
            XCTAssertEqual(body["tierName"] as? String, "链主")
            XCTAssertEqual(body["active"] as? Bool, true)
            let shown = try api.object(try await api.send(.GET, Site.API.enterprise(id)))
            XCTAssertEqual(shown["name"] as? String, "江苏长电封装测试有限公司")
            XCTAssertEqual(shown["address"] as? String, "江阴市滨江中路")
            Check.equal(try await Probe.lastAudit(app, entity: "enterprise", id: id)?.action, "create")
            let missing = try SeenAPIError(try await api.send(.GET, Site.API.enterprise(987_654)))
            XCTAssertEqual(missing.status, .notFound)
        }
    }

    // MARK: Rule failures

    /// One form submission per rule; each is refused beside its field, keeps what was typed and writes nothing.
    func testEveryFormRuleFailureIsShownBesideItsFieldAndWritesNothing() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let registered = USCC.numbered(10)
            try await office.createEnterprise("已登记企业", code: registered, unit: fixtures.team)
            let closed = try await office.createUnit("已撤销的专班", kind: "taskForce", parent: fixtures.zone)
            Check.equal(try await office.send(.POST, Site.API.unitDeactivate(closed)).status, .ok)
            let fresh = USCC.numbered(11)
            let wrongCheck = USCC.withWrongCheck(fresh)
            let base = ["name": "规则测试企业", "creditCode": fresh, "industryCode": "3976", "unitId": "\(fixtures.team)"]
            let cases: [(change: [String: String], field: String, message: String)] = [
                (["creditCode": ""], "creditCode", "请填写统一社会信用代码"),
                (["creditCode": String(fresh.dropLast())], "creditCode", "统一社会信用代码应为 18 位，实际为 17 位"),
                (["creditCode": wrongCheck.code], "creditCode", wrongCheck.message),
                (["creditCode": "91350100O000100Y43"], "creditCode", "第 9 位“O”不是统一社会信用代码允许的字符（数字及除 I、O、S、V、Z 外的大写字母）"),
                (["creditCode": registered], "creditCode", "统一社会信用代码“\(registered)”已被“已登记企业”使用"),
                (["creditCode": registered.lowercased()], "creditCode", "统一社会信用代码“\(registered)”已被“已登记企业”使用"),
                (["name": ""], "name", "请填写企业名称"),
                (["name": String(repeating: "企", count: 201)], "name", "企业名称不能超过 200 个字符"),
                (["industryCode": ""], "industryCode", "请填写行业代码"),
                (["industryCode": "A3976"], "industryCode", "门类字母“A”与大类不符，应为“C”"),
                (["industryCode": "98"], "industryCode", "行业代码“98”的大类不存在"),
                (["industryCode": "12345"], "industryCode", "行业代码“12345”格式不对：应为 GB/T 4754-2017 的 2–4 位数字（可带门类字母，如 C3976）"),
                (["unitId": ""], "unitId", "请选择所属单位"),
                (["unitId": "abc"], "unitId", "所属单位：找不到单位“abc”"),
                (["unitId": "999999"], "unitId", "所属单位：找不到单位“999999”"),
                (["unitId": "\(closed)"], "unitId", "所属单位：单位“已撤销的专班”已停用"),
                (["tier": "boss"], "tier", "层级只能是：链主、准链主、骨干、新锐"),
                (["address": String(repeating: "路", count: 201)], "address", "地址不能超过 200 个字符"),
            ]
            let browser = try await Browser.signedIn(app, as: .office)
            let enterprises = try await Probe.count(app, "enterprises"), audits = try await Probe.auditCount(app)
            for (change, field, message) in cases {
                let form = base.merging(change) { $1 }
                try await browser.get(Site.enterpriseNew)
                let response = try await browser.post(Site.enterprises, form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                XCTAssertEqual(response.status, .unprocessableEntity, "\(change)")
                XCTAssertEqual(HTMLProbe.fieldError(response.text, field), message, "\(change): \(HTMLProbe.allFieldErrors(response.text))")
                XCTAssertEqual(HTMLProbe.allFieldErrors(response.text).count, 1, "\(change): only the broken field is marked")
                if field != "name" { XCTAssertEqual(HTMLProbe.inputValue(response.text, "name"), "规则测试企业", "what was typed is kept") }
                if field != "creditCode" { XCTAssertEqual(HTMLProbe.inputValue(response.text, "creditCode"), fresh) }
            }
            // Every failure at once: each beside its own field.
            try await browser.get(Site.enterpriseNew)
            let all = try await browser.post(Site.enterprises, [("name", ""), ("creditCode", "x"), ("industryCode", "9"), ("unitId", "abc")])
            XCTAssertEqual(all.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(all.text, "name"), "请填写企业名称")
            XCTAssertEqual(HTMLProbe.fieldError(all.text, "creditCode"), "统一社会信用代码应为 18 位，实际为 1 位")
            XCTAssertEqual(HTMLProbe.fieldError(all.text, "industryCode"), "行业代码“9”格式不对：应为 GB/T 4754-2017 的 2–4 位数字（可带门类字母，如 C3976）")
            XCTAssertEqual(HTMLProbe.fieldError(all.text, "unitId"), "所属单位：找不到单位“abc”")

            let enterprisesAfter = try await Probe.count(app, "enterprises"), auditsAfter = try await Probe.auditCount(app)
            XCTAssertEqual(enterprisesAfter, enterprises, "no enterprise written")
            XCTAssertEqual(auditsAfter, audits, "no audit row written")
        }
    }

    func testAPIRuleFailuresAre422WithFieldCodeAndChineseMessageAndWriteNothing() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let registered = USCC.numbered(20)
            try await api.createEnterprise("已登记企业", code: registered, unit: fixtures.team)
            let enterprises = try await Probe.count(app, "enterprises"), audits = try await Probe.auditCount(app)
            let fresh = USCC.numbered(21)
            let wrongCheck = USCC.withWrongCheck(fresh)
            let base: [String: Any] = ["name": "接口测试企业", "creditCode": fresh, "industryCode": "3976", "unitId": fixtures.team]
            let cases: [(change: [String: Any], remove: String?, field: String, code: String, message: String)] = [
                ([:], "creditCode", "creditCode", "required", "请填写统一社会信用代码"),
                (["creditCode": wrongCheck.code], nil, "creditCode", "invalid", wrongCheck.message),
                (["creditCode": "91350100S000100Y43"], nil, "creditCode", "invalid", "第 9 位“S”不是统一社会信用代码允许的字符（数字及除 I、O、S、V、Z 外的大写字母）"),
                (["creditCode": registered], nil, "creditCode", "duplicate", "统一社会信用代码“\(registered)”已被“已登记企业”使用"),
                ([:], "name", "name", "required", "请填写企业名称"),
                (["industryCode": "A3976"], nil, "industryCode", "invalid", "门类字母“A”与大类不符，应为“C”"),
                (["industryCode": "00"], nil, "industryCode", "invalid", "行业代码“00”的大类不存在"),
                ([:], "unitId", "unitId", "required", "请选择所属单位"),
                (["unitId": 424_242], nil, "unitId", "invalid", "所属单位：找不到单位“424242”"),
                (["tier": "龙头"], nil, "tier", "invalid", "层级只能是：链主、准链主、骨干、新锐"),
            ]
            for (change, remove, field, code, message) in cases {
                var body = base.merging(change) { $1 }
                if let remove { body[remove] = nil }
                let error = try SeenAPIError(try await api.send(.POST, Site.API.enterprises, body: body))
                XCTAssertEqual(error.status, .unprocessableEntity, "\(body)")
                XCTAssertEqual(error.field, field, "\(body)")
                XCTAssertEqual(error.code, code, "\(body)")
                XCTAssertEqual(error.message, message, "\(body)")
            }
            // Several failures at once: the error names the first, details list them all.
            let several = try SeenAPIError(try await api.send(.POST, Site.API.enterprises, body: ["creditCode": "x", "name": "", "industryCode": "9"]))
            XCTAssertEqual(several.status, .unprocessableEntity)
            XCTAssertEqual(Set(several.details.compactMap(\.field)), ["creditCode", "name", "industryCode", "unitId"])
            XCTAssertTrue(several.details.allSatisfy { !$0.message.isEmpty })
            // A value of the wrong type is refused at its field.
            let wrongType = try SeenAPIError(try await api.send(.POST, Site.API.enterprises, body: base.merging(["aboveScale": "是"]) { $1 }))
            XCTAssertEqual(wrongType.status, .unprocessableEntity)
            XCTAssertEqual(wrongType.field, "aboveScale")
            XCTAssertTrue(wrongType.containsChinese, wrongType.message)

            let enterprisesAfter = try await Probe.count(app, "enterprises"), auditsAfter = try await Probe.auditCount(app)
            XCTAssertEqual(enterprisesAfter, enterprises)
            XCTAssertEqual(auditsAfter, audits)
        }
    }

    // MARK: Edit, deactivate, reactivate

    func testEditThroughFormAndAPIChangesFieldsAndAuditsBeforeAndAfter() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let code = USCC.numbered(30)
            let id = try await api.createEnterprise("无锡芯测半导体有限公司", code: code, industry: "3976", unit: fixtures.team, tier: "rising")
            let other = USCC.numbered(31)
            try await api.createEnterprise("另一家企业", code: other, unit: fixtures.team)

            let browser = try await Browser.signedIn(app, as: .office)
            let form = try await browser.get(Site.enterpriseEdit(id))
            XCTAssertEqual(form.status, .ok)
            XCTAssertEqual(HTMLProbe.inputValue(form.text, "name"), "无锡芯测半导体有限公司")
            XCTAssertEqual(HTMLProbe.inputValue(form.text, "creditCode"), code)
            XCTAssertEqual(HTMLProbe.inputValue(form.text, "industryCode"), "3976")
            XCTAssertTrue(HTMLProbe.section(form.text, from: "id=\"tier\"", to: "</select>").contains("value=\"rising\" selected=\"selected\""))
            let saved = try await browser.post(Site.enterprise(id), [("name", "无锡芯测集成电路有限公司"), ("creditCode", code), ("industryCode", "3973"),
                                                                     ("unitId", "\(fixtures.otherTeam)"), ("aboveScale", "1"), ("tier", "backbone"),
                                                                     ("address", ""), ("note", "2025 年升规")])
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            XCTAssertEqual(saved.location, Site.enterprise(id) + "?notice=saved")
            var stored = try await Probe.enterprise(app, id)
            XCTAssertEqual(stored.name, "无锡芯测集成电路有限公司")
            XCTAssertEqual(stored.industryCode, "3973")
            XCTAssertEqual(stored.unitID, fixtures.otherTeam)
            XCTAssertTrue(stored.aboveScale)
            XCTAssertEqual(stored.tier, "backbone")
            XCTAssertEqual(stored.note, "2025 年升规")
            let updates = try await Stored.audit(app, entity: "enterprise", action: "update", entityID: id)
            XCTAssertEqual(updates.count, 1)
            let before = try parseJSONObject(updates.last?.beforeJSON), after = try parseJSONObject(updates.last?.afterJSON)
            XCTAssertEqual(before["name"] as? String, "无锡芯测半导体有限公司")
            XCTAssertEqual(after["name"] as? String, "无锡芯测集成电路有限公司")
            XCTAssertEqual(before["aboveScale"] as? Bool, false)
            XCTAssertEqual(after["aboveScale"] as? Bool, true)
            XCTAssertEqual(before["unitId"] as? Int, fixtures.team)
            XCTAssertEqual(after["unitId"] as? Int, fixtures.otherTeam)
            XCTAssertEqual(before["tier"] as? String, "rising")
            XCTAssertEqual(after["tier"] as? String, "backbone")
            XCTAssertEqual(after["creditCode"] as? String, code, "unchanged fields are in the snapshot too")
            XCTAssertEqual(updates.last?.actorID, fixtures.users[.office])

            // A failed edit keeps the stored enterprise as it was and writes no audit row.
            let audits = try await Probe.auditCount(app)
            try await browser.get(Site.enterpriseEdit(id))
            let refused = try await browser.post(Site.enterprise(id), [("name", "改不了"), ("creditCode", other), ("industryCode", "3973"),
                                                                       ("unitId", "\(fixtures.otherTeam)")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(refused.text, "creditCode"), "统一社会信用代码“\(other)”已被“另一家企业”使用")
            Check.equal(try await Probe.enterprise(app, id).name, "无锡芯测集成电路有限公司")
            Check.equal(try await Probe.auditCount(app), audits)

            // PATCH: absent fields keep their value; a null tier clears it; one's own code is no duplicate.
            let patched = try await api.send(.PATCH, Site.API.enterprise(id), body: ["note": "只改备注", "tier": NSNull(), "creditCode": code.lowercased()])
            XCTAssertEqual(patched.status, .ok, patched.text)
            stored = try await Probe.enterprise(app, id)
            XCTAssertEqual(stored.note, "只改备注")
            XCTAssertNil(stored.tier)
            XCTAssertEqual(stored.creditCode, code)
            XCTAssertEqual(stored.name, "无锡芯测集成电路有限公司")
            XCTAssertEqual(stored.unitID, fixtures.otherTeam)
            XCTAssertTrue(stored.aboveScale)
            let duplicate = try SeenAPIError(try await api.send(.PATCH, Site.API.enterprise(id), body: ["creditCode": other]))
            XCTAssertEqual(duplicate.status, .unprocessableEntity)
            XCTAssertEqual(duplicate.code, "duplicate")
            XCTAssertEqual(duplicate.field, "creditCode")
            Check.equal(try await Probe.enterprise(app, id).creditCode, code)
            let missing = try SeenAPIError(try await api.send(.PATCH, Site.API.enterprise(987_654), body: ["note": "x"]))
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertEqual(missing.code, "not_found")
            Check.equal(try await Stored.audit(app, entity: "enterprise", action: "update", entityID: id).count, 2, "the form edit and the PATCH")
        }
    }

    func testDeactivateAndReactivateKeepTheEnterpriseAndAreAudited() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("停用测试企业", code: USCC.numbered(40), unit: fixtures.team)
            let kept = try await api.createEnterprise("在册企业", code: USCC.numbered(41), unit: fixtures.team)
            Check.equal(try await api.send(.PUT, Site.API.enterpriseIndicator(id, "2025-01"), body: ["revenue": 100]).status, .ok)

            let browser = try await Browser.signedIn(app, as: .office)
            try await browser.get(Site.enterprise(id))
            let deactivated = try await browser.post(Site.enterpriseDeactivate(id))
            XCTAssertEqual(deactivated.status, .seeOther, deactivated.text)
            XCTAssertEqual(deactivated.location, Site.enterprise(id) + "?notice=deactivated")
            Check.equal(try await Probe.enterprise(app, id).active, false)
            Check.equal(try await Probe.count(app, "enterprise_indicators", where: "enterprise_id = \(id)"), 1, "its figures are kept")
            let off = try await Stored.audit(app, entity: "enterprise", action: "deactivate", entityID: id)
            XCTAssertEqual(off.count, 1)
            XCTAssertEqual(try parseJSONObject(off.first?.beforeJSON)["active"] as? Bool, true)
            XCTAssertEqual(try parseJSONObject(off.first?.afterJSON)["active"] as? Bool, false)
            let page = try await browser.get(Site.enterprise(id))
            XCTAssertTrue(page.text.contains("已停用"))
            XCTAssertTrue(page.text.contains("action=\"\(Site.enterpriseReactivate(id))\""), "the page offers to reactivate")

            // The status filter separates them.
            let activeOnly = try api.object(try await api.send(.GET, Site.API.enterprises + "?active=1"))
            XCTAssertEqual((activeOnly["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, [kept])
            let inactive = try api.object(try await api.send(.GET, Site.API.enterprises + "?active=0"))
            XCTAssertEqual((inactive["items"] as? [[String: Any]])?.compactMap { $0["id"] as? Int }, [id])

            // Deactivating again changes nothing and writes no second row.
            let again = try await api.send(.POST, Site.API.enterpriseDeactivate(id))
            XCTAssertEqual(again.status, .ok, again.text)
            Check.equal(try await Stored.audit(app, entity: "enterprise", action: "deactivate", entityID: id).count, 1)

            let reactivated = try await api.send(.POST, Site.API.enterpriseReactivate(id))
            XCTAssertEqual(reactivated.status, .ok, reactivated.text)
            XCTAssertEqual(try api.object(reactivated)["active"] as? Bool, true)
            Check.equal(try await Probe.enterprise(app, id).active, true)
            let on = try await Stored.audit(app, entity: "enterprise", action: "reactivate", entityID: id)
            XCTAssertEqual(on.count, 1)
            XCTAssertEqual(try parseJSONObject(on.first?.beforeJSON)["active"] as? Bool, false)
            XCTAssertEqual(try parseJSONObject(on.first?.afterJSON)["active"] as? Bool, true)
            XCTAssertEqual(on.first?.actorID, fixtures.users[.office])
        }
    }

    // MARK: Who may write

    func testTheUnitRoleWritesOnlyEnterprisesOfItsOwnSubtree() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let below = try await office.createUnit("集成电路设计组", kind: "attractionTeam", parent: fixtures.team)
            let foreign = try await office.createEnterprise("生命健康药业有限公司", code: USCC.numbered(50), industry: "2720", unit: fixtures.otherTeam)
            let own = try await office.createEnterprise("无锡芯测半导体有限公司", code: USCC.numbered(51), unit: fixtures.team)
            let unit = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)

            // Its own unit and the units below it are fine.
            let inTeam = try await unit.createEnterprise("团队自登企业", code: USCC.numbered(52), unit: fixtures.team)
            let created = try await unit.send(.POST, Site.API.enterprises, body: ["name": "设计组企业", "creditCode": USCC.numbered(53),
                                                                                 "industryCode": "6520", "unitId": below])
            XCTAssertEqual(created.status, .created, created.text)
            XCTAssertEqual(try unit.object(created)["unitName"] as? String, "集成电路设计组")
            Check.equal(try await Probe.lastAudit(app, entity: "enterprise", id: inTeam)?.actorId, fixtures.users[.unit])
            let renamed = try await unit.send(.PATCH, Site.API.enterprise(own), body: ["name": "无锡芯测微电子有限公司"])
            XCTAssertEqual(renamed.status, .ok, renamed.text)
            Check.equal(try await unit.send(.PUT, Site.API.enterpriseIndicator(own, "2025-06"), body: ["revenue": 800]).status, .ok)

            let enterprises = try await Probe.count(app, "enterprises"), audits = try await Probe.count(app, "audit_log", where: "entity LIKE 'enterprise%'")
            let indicators = try await Probe.count(app, "enterprise_indicators")
            // Choosing a unit outside its subtree (a sibling, or the unit above) is a field error.
            for other in [fixtures.otherTeam, fixtures.zone] {
                let error = try SeenAPIError(try await unit.send(.POST, Site.API.enterprises, body: ["name": "越权企业", "creditCode": USCC.numbered(54),
                                                                                                    "industryCode": "3976", "unitId": other]))
                XCTAssertEqual(error.status, .unprocessableEntity)
                XCTAssertEqual(error.field, "unitId")
                XCTAssertEqual(error.message, "所属单位只能选择本单位或下级单位")
            }
            let moveOut = try SeenAPIError(try await unit.send(.PATCH, Site.API.enterprise(own), body: ["unitId": fixtures.otherTeam]))
            XCTAssertEqual(moveOut.status, .unprocessableEntity)
            XCTAssertEqual(moveOut.field, "unitId")
            // Another unit's enterprise is out of reach: 403 for every write, even one that would pull it in.
            let writes: [(HTTPMethod, String, [String: Any])] = [
                (.PATCH, Site.API.enterprise(foreign), ["note": "越权修改"]),
                (.PATCH, Site.API.enterprise(foreign), ["unitId": fixtures.team]),
                (.POST, Site.API.enterpriseDeactivate(foreign), [:]),
                (.PUT, Site.API.enterpriseIndicator(foreign, "2025-06"), ["revenue": 1]),
            ]
            for (method, path, body) in writes {
                let error = try SeenAPIError(try await unit.send(method, path, body: body))
                XCTAssertEqual(error.status, .forbidden, "\(method) \(path)")
                XCTAssertEqual(error.code, "forbidden", "\(method) \(path)")
            }
            // …but reading it is fine.
            Check.equal(try await unit.send(.GET, Site.API.enterprise(foreign)).status, .ok)
            Check.equal(try await unit.send(.GET, Site.API.enterpriseIndicators(foreign)).status, .ok)

            let browser = try await Browser.signedIn(app, as: .unit)
            let form = try await browser.get(Site.enterpriseNew)
            XCTAssertEqual(form.status, .ok)
            let options = HTMLProbe.section(form.text, from: "id=\"unitId\"", to: "</select>")
            XCTAssertTrue(options.contains("value=\"\(fixtures.team)\""), options)
            XCTAssertTrue(options.contains("value=\"\(below)\""), options)
            XCTAssertFalse(options.contains("value=\"\(fixtures.otherTeam)\""), "only its own subtree is offered: \(options)")
            XCTAssertFalse(options.contains("value=\"\(fixtures.zone)\""), options)
            let refused = try await browser.post(Site.enterprises, [("name", "越权企业"), ("creditCode", USCC.numbered(55)), ("industryCode", "3976"),
                                                                    ("unitId", "\(fixtures.otherTeam)")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(refused.text, "unitId"), "所属单位只能选择本单位或下级单位")
            Check.equal(try await browser.get(Site.enterpriseEdit(foreign)).status, .forbidden)
            try await browser.get(Site.enterprise(foreign))
            let foreignForm = [("name", "越权修改"), ("creditCode", USCC.numbered(50)), ("industryCode", "2720"), ("unitId", "\(fixtures.team)")]
            Check.equal(try await browser.post(Site.enterprise(foreign), foreignForm).status, .forbidden)
            Check.equal(try await browser.post(Site.enterpriseDeactivate(foreign)).status, .forbidden)
            Check.equal(try await browser.post(Site.enterpriseIndicators(foreign), [("period", "2025-06"), ("revenue", "1")]).status, .forbidden)
            let foreignPage = try await browser.get(Site.enterprise(foreign))
            XCTAssertEqual(foreignPage.status, .ok)
            XCTAssertFalse(foreignPage.text.contains("href=\"\(Site.enterpriseEdit(foreign))\""), "no edit link on another unit's enterprise")
            XCTAssertFalse(foreignPage.text.contains("action=\"\(Site.enterpriseIndicators(foreign))\""), "no month form either")
            let ownPage = try await browser.get(Site.enterprise(own))
            XCTAssertTrue(ownPage.text.contains("href=\"\(Site.enterpriseEdit(own))\""))
            XCTAssertTrue(ownPage.text.contains("action=\"\(Site.enterpriseIndicators(own))\""))

            let stored = try await Probe.enterprise(app, foreign)
            XCTAssertEqual(stored.name, "生命健康药业有限公司")
            XCTAssertEqual(stored.unitID, fixtures.otherTeam)
            XCTAssertTrue(stored.active)
            Check.equal(try await Probe.enterprise(app, own).unitID, fixtures.team)
            Check.equal(try await Probe.count(app, "enterprises"), enterprises)
            Check.equal(try await Probe.count(app, "enterprise_indicators"), indicators)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity LIKE 'enterprise%'"), audits, "no audit row for any refusal")
        }
    }

    func testLeadersAndParksReadButEveryWriteIsForbidden() async throws {
        try await withApp { app, fixtures in
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await office.createEnterprise("只读测试企业", code: USCC.numbered(60), unit: fixtures.team)
            Check.equal(try await office.send(.PUT, Site.API.enterpriseIndicator(id, "2025-02"), body: ["revenue": 12345]).status, .ok)
            let enterprises = try await Probe.count(app, "enterprises"), indicators = try await Probe.count(app, "enterprise_indicators")
            let audits = try await Probe.count(app, "audit_log", where: "entity LIKE 'enterprise%'")
            for role in [Role.leader, .park] {
                let api = try await APIClient.forRole(role, app: app, fixtures: fixtures)
                let list = try await api.send(.GET, Site.API.enterprises)
                XCTAssertEqual(list.status, .ok, "\(role)")
                XCTAssertEqual(try api.object(list)["total"] as? Int, 1)
                Check.equal(try await api.send(.GET, Site.API.enterprise(id)).status, .ok)
                let figures = try api.object(try await api.send(.GET, Site.API.enterpriseIndicators(id)))
                XCTAssertEqual((figures["items"] as? [[String: Any]])?.first?["revenue"] as? Int, 12345, "\(role) reads the figures")
                let writes: [(HTTPMethod, String, [String: Any])] = [
                    (.POST, Site.API.enterprises, ["name": "不许登记", "creditCode": USCC.numbered(61), "industryCode": "3976", "unitId": fixtures.team]),
                    (.PATCH, Site.API.enterprise(id), ["name": "不许改名"]),
                    (.POST, Site.API.enterpriseDeactivate(id), [:]),
                    (.PUT, Site.API.enterpriseIndicator(id, "2025-02"), ["revenue": 1]),
                ]
                for (method, path, body) in writes {
                    let error = try SeenAPIError(try await api.send(method, path, body: body))
                    XCTAssertEqual(error.status, .forbidden, "\(role) \(method) \(path)")
                    XCTAssertEqual(error.code, "forbidden")
                }
                let browser = try await Browser.signedIn(app, as: role)
                let index = try await browser.get(Site.enterprises)
                XCTAssertEqual(index.status, .ok)
                XCTAssertTrue(index.text.contains("只读测试企业"))
                XCTAssertFalse(index.text.contains("href=\"\(Site.enterpriseNew)\""), "\(role) is not offered to register")
                let page = try await browser.get(Site.enterprise(id))
                XCTAssertEqual(page.status, .ok)
                XCTAssertTrue(page.text.contains("1.23"), "\(role) sees the figures")
                XCTAssertFalse(page.text.contains("href=\"\(Site.enterpriseEdit(id))\""))
                XCTAssertFalse(page.text.contains("action=\"\(Site.enterpriseIndicators(id))\""))
                Check.equal(try await browser.get(Site.enterpriseNew).status, .forbidden)
                Check.equal(try await browser.get(Site.enterpriseEdit(id)).status, .forbidden)
                Check.equal(try await browser.post(Site.enterprise(id), [("name", "不许改名")]).status, .forbidden)
                Check.equal(try await browser.post(Site.enterpriseDeactivate(id)).status, .forbidden)
                Check.equal(try await browser.post(Site.enterpriseIndicators(id), [("period", "2025-02"), ("revenue", "1")]).status, .forbidden)
            }
            let auditor = try await APIClient.forRole(.auditor, app: app, fixtures: fixtures)
            Check.equal(try await auditor.send(.GET, Site.API.enterprises).status, .forbidden)
            Check.equal(try await Probe.enterprise(app, id).name, "只读测试企业")
            Check.equal(try await Probe.count(app, "enterprises"), enterprises)
            Check.equal(try await Probe.count(app, "enterprise_indicators"), indicators)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity LIKE 'enterprise%'"), audits)
        }
    }

    // MARK: The list

    /// Six enterprises across units, industries and scale; codes ascend in the order A…F.
    private func seedList(_ app: Application, _ fixtures: Fixtures) async throws -> (api: APIClient, ids: [String: Int], below: Int) {
        let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
        let below = try await api.createUnit("集成电路设计组", kind: "attractionTeam", parent: fixtures.team)
        let rows: [(String, String, String, Int, Bool)] = [
            ("A", "无锡芯测半导体有限公司", "3976", fixtures.team, true),
            ("B", "无锡芯片设计有限公司", "6520", below, false),
            ("C", "芯片封测（无锡）有限公司", "3973", fixtures.otherTeam, true),
            ("D", "江阴新材料有限公司", "2651", fixtures.board, true),
            ("E", "宜兴环保科技有限公司", "39", fixtures.zone, false),
            ("F", "生命健康药业有限公司", "2720", fixtures.otherTeam, true),
        ]
        var ids: [String: Int] = [:]
        for (index, row) in rows.enumerated() {
            ids[row.0] = try await api.createEnterprise(row.1, code: USCC.numbered(100 + index), industry: row.2, unit: row.3, aboveScale: row.4)
        }
        return (api, ids, below)
    }

    private func listed(_ api: APIClient, _ query: String, file: StaticString = #filePath, line: UInt = #line) async throws -> (names: [String], total: Int?, body: [String: Any]) {
        let response = try await api.send(.GET, Site.API.enterprises + "?" + query)
        XCTAssertEqual(response.status, .ok, "\(query): \(response.text)", file: file, line: line)
        let body = try api.object(response, file: file, line: line)
        return ((body["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }, body["total"] as? Int, body)
    }

    private static func q(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }

    func testListSearchesChineseSubstringsFiltersSortsAndPages() async throws {
        try await withApp { app, fixtures in
            let (api, ids, below) = try await seedList(app, fixtures)
            let name = ["A": "无锡芯测半导体有限公司", "B": "无锡芯片设计有限公司", "C": "芯片封测（无锡）有限公司",
                        "D": "江阴新材料有限公司", "E": "宜兴环保科技有限公司", "F": "生命健康药业有限公司"]
            func names(_ letters: String) -> Set<String> { Set(letters.map { name[String($0)]! }) }
            let expectations: [(query: String, letters: String)] = [
                ("q=" + Self.q("芯片"), "BC"),
                ("q=" + Self.q("半导"), "A"),
                ("q=" + Self.q("无锡"), "ABC"),
                ("q=" + Self.q("药"), "F"),
                ("q=" + USCC.numbered(102).dropFirst(8).prefix(9).lowercased(), "C"), // a piece of C's code, typed in lower case
                ("industryCode=39", "ACE"),
                ("industryCode=397", "AC"),
                ("industryCode=3976", "A"),
                ("industryCode=2", "DF"),
                ("industryCode=C", "ACDEF"),  // a section letter: 制造业, divisions 13–43
                ("industryCode=c", "ACDEF"),
                ("industryCode=I", "B"),
                ("industryCode=A", ""),
                ("aboveScale=1", "ACDF"),
                ("aboveScale=0", "BE"),
                ("unitId=\(fixtures.team)", "AB"),
                ("unitId=\(below)", "B"),
                ("unitId=\(fixtures.zone)", "ABCEF"),
                ("unitId=\(fixtures.root)", "ABCDEF"),
                ("industryCode=39&aboveScale=1", "AC"),
                ("q=" + Self.q("芯片") + "&unitId=\(fixtures.team)", "B"),
                ("q=" + Self.q("深圳"), ""),
            ]
            for (query, letters) in expectations {
                let (found, total, _) = try await listed(api, "per=200&" + query)
                XCTAssertEqual(Set(found), names(letters), query)
                XCTAssertEqual(found.count, letters.count, "\(query): each once")
                XCTAssertEqual(total, letters.count, "total of \(query)")
            }

            // Sorting: by code (A…F ascend), industry code as text, and name both ways.
            let byCode = try await listed(api, "sort=creditCode").names
            XCTAssertEqual(byCode, "ABCDEF".map { name[String($0)]! })
            let byCodeDown = try await listed(api, "sort=-creditCode").names
            XCTAssertEqual(byCodeDown, byCode.reversed())
            let byIndustry = try await listed(api, "sort=industryCode").names
            XCTAssertEqual(byIndustry, "DFECAB".map { name[String($0)]! }, "2651 < 2720 < 39 < 3973 < 3976 < 6520")
            let byName = try await listed(api, "sort=name").names
            let byNameDown = try await listed(api, "sort=-name").names
            XCTAssertEqual(Set(byName), names("ABCDEF"))
            XCTAssertEqual(byNameDown, byName.reversed())
            // One leaf unit in name order, read off the unit-and-name index (M0062): its rows in the
            // list's name order, both ways.
            let leafByName = try await listed(api, "unitId=\(fixtures.otherTeam)&sort=name").names
            XCTAssertEqual(leafByName, byName.filter(names("CF").contains))
            let leafByNameDown = try await listed(api, "unitId=\(fixtures.otherTeam)&sort=-name").names
            XCTAssertEqual(leafByNameDown, leafByName.reversed())
            // Tier by standing (链主, 准链主, 骨干, 新锐), enterprises without one last either way.
            for (letter, tier) in [("E", "rising"), ("B", "chainLeader"), ("D", "backbone")] {
                Check.equal(try await api.send(.PATCH, Site.API.enterprise(ids[letter]!), body: ["tier": tier]).status, .ok)
            }
            let byTier = try await listed(api, "sort=tier").names
            XCTAssertEqual(byTier, "BDEACF".map { name[String($0)]! })
            let byTierDown = try await listed(api, "sort=-tier").names
            XCTAssertEqual(byTierDown, "EDBACF".map { name[String($0)]! })

            // Pages: the requested slice with the total of the whole list.
            let (second, total, body) = try await listed(api, "sort=creditCode&per=2&page=2")
            XCTAssertEqual(second, [name["C"]!, name["D"]!])
            XCTAssertEqual(total, 6)
            XCTAssertEqual(body["page"] as? Int, 2)
            XCTAssertEqual(body["per"] as? Int, 2)
            let (beyond, beyondTotal, _) = try await listed(api, "sort=creditCode&per=2&page=4")
            XCTAssertEqual(beyond, [])
            XCTAssertEqual(beyondTotal, 6)

            // A filter value that could be a LIKE wildcard, or an unknown sort, is a 400 naming it.
            for (query, field) in [("industryCode=3_", "industryCode"), ("industryCode=3%25", "industryCode"), ("aboveScale=yes", "aboveScale"),
                                   ("unitId=abc", "unitId"), ("sort=address", "sort")] {
                let error = try SeenAPIError(try await api.send(.GET, Site.API.enterprises + "?" + query))
                XCTAssertEqual(error.status, .badRequest, query)
                XCTAssertEqual(error.field, field, query)
            }

            // The page: same count, the search kept in the box, the rows of the filter only.
            let browser = try await Browser.signedIn(app, as: .leader)
            let page = try await browser.get(Site.enterprises + "?q=" + Self.q("芯片"))
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("共 2 条"))
            XCTAssertTrue(page.text.contains("value=\"芯片\""), "the search box keeps the query")
            let rows = HTMLProbe.tableBody(page.text)
            XCTAssertTrue(rows.contains(name["B"]!) && rows.contains(name["C"]!), rows)
            XCTAssertFalse(rows.contains(name["A"]!))
            let paged = try await browser.get(Site.enterprises + "?sort=creditCode&per=2&page=2&aboveScale=1")
            XCTAssertTrue(paged.text.contains("共 4 条"))
            XCTAssertTrue(paged.text.contains("第 2 / 2 页"))
            let pagedRows = HTMLProbe.tableBody(paged.text)
            XCTAssertTrue(pagedRows.contains(name["D"]!) && pagedRows.contains(name["F"]!), pagedRows)
            XCTAssertFalse(pagedRows.contains(name["A"]!) || pagedRows.contains(name["B"]!), pagedRows)
        }
    }

    func testExportHoldsTheFilteredListAsXLSXAndCSV() async throws {
        try await withApp { app, fixtures in
            let (_, ids, _) = try await seedList(app, fixtures)
            let office = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            Check.equal(try await office.send(.PATCH, Site.API.enterprise(ids["A"]!), body: ["tier": "backbone"]).status, .ok)
            Check.equal(try await office.send(.POST, Site.API.enterpriseDeactivate(ids["E"]!)).status, .ok)
            let browser = try await Browser.signedIn(app, as: .leader)
            let list = try await browser.get(Site.enterprises + "?industryCode=39&sort=creditCode")
            XCTAssertTrue(list.text.contains("共 3 条"))
            let exportLink = HTMLProbe.unescape(HTMLProbe.section(list.text, from: "class=\"exports\"", to: "</span>")).removingPercentEncoding ?? ""
            XCTAssertTrue(exportLink.contains("href=\"\(Site.enterprisesExport)?format=xlsx&industryCode=39&sort=creditCode\""), "the page links the export of its filtered list")

            // The import's own columns (a unit by its code, an industry by code and name), then the shown-only ones.
            let header: [SheetCell] = ["企业名称", "统一社会信用代码", "行业代码", "所属单位", "规上", "层级", "地址", "备注", "状态", "近12个月营收（亿元）", "所属集群", "产业链环节"]
                .map { .text($0) }
            // No figures and no chain nodes here: the revenue, cluster and node columns are empty.
            let expected: [[SheetCell]] = [
                [.text("无锡芯测半导体有限公司"), .text(USCC.numbered(100)), .text("3976 光电子器件制造"), .text("ZS-JCDL"), .text("是"), .text("骨干"), .empty, .empty, .text("在用"), .empty, .empty, .empty],
                [.text("芯片封测（无锡）有限公司"), .text(USCC.numbered(102)), .text("3973 集成电路制造"), .text("ZS-SMJK"), .text("是"), .empty, .empty, .empty, .text("在用"), .empty, .empty, .empty],
                [.text("宜兴环保科技有限公司"), .text(USCC.numbered(104)), .text("39 计算机、通信和其他电子设备制造业"), .text("WXGX"), .text("否"), .empty, .empty, .empty, .text("已停用"), .empty, .empty, .empty],
            ]
            let xlsx = try await browser.get(Site.enterprisesExport + "?format=xlsx&industryCode=39&sort=creditCode&per=1&page=2")
            XCTAssertEqual(xlsx.status, .ok)
            XCTAssertEqual(xlsx.headers.contentType?.subType, "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            let disposition = xlsx.headers.first(name: .contentDisposition) ?? ""
            XCTAssertEqual((disposition.components(separatedBy: "filename*=UTF-8''").last ?? "").removingPercentEncoding, "企业.xlsx", disposition)
            let sheet = try XCTUnwrap(try XLSXReader.read(xlsx.bodyData).first)
            XCTAssertEqual(sheet.name, "企业")
            XCTAssertEqual(sheet.rows, [header] + expected, "the whole filtered list, not the page")

            let csv = try await browser.get(Site.enterprisesExport + "?format=csv&industryCode=39&sort=creditCode")
            XCTAssertEqual(csv.status, .ok)
            XCTAssertEqual(csv.headers.contentType?.subType, "csv")
            XCTAssertEqual(try CSVFormat.read(csv.bodyData).rows.map { $0.map(\.text) }, ([header] + expected).map { $0.map(\.text) })
            let filtered = try await browser.get(Site.enterprisesExport + "?format=csv&aboveScale=0&sort=-creditCode")
            XCTAssertEqual(try CSVFormat.read(filtered.bodyData).rows.dropFirst().map { $0[0].text }, ["宜兴环保科技有限公司", "无锡芯片设计有限公司"])
            let bad = try await browser.get(Site.enterprisesExport + "?format=pdf")
            XCTAssertEqual(bad.status, .badRequest)
        }
    }

    // MARK: Monthly figures

    func testPuttingAMonthCreatesThenReplacesItWithBeforeAndAfterAudited() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("月报测试企业", code: USCC.numbered(70), unit: fixtures.team)
            let first = try await api.send(.PUT, Site.API.enterpriseIndicator(id, "2025-03"), body: ["revenue": 12345, "employees": 36])
            XCTAssertEqual(first.status, .ok, first.text)
            var body = try api.object(first)
            XCTAssertEqual(body["enterpriseId"] as? Int, id)
            XCTAssertEqual(body["period"] as? String, "2025-03")
            XCTAssertEqual(body["revenue"] as? Int, 12345)
            XCTAssertEqual(body["employees"] as? Int, 36)
            XCTAssertNil(body["tax"] as? Int, "a figure not sent was not reported")
            Check.equal(try await Probe.count(app, "enterprise_indicators", where: "enterprise_id = \(id)"), 1)
            var audits = try await Probe.audits(app, entity: "enterprise_indicator", entityID: "\(id)/2025-03")
            XCTAssertEqual(audits.map(\.action), ["create"])
            XCTAssertNil(audits.first?.beforeJSON)
            XCTAssertEqual(try parseJSONObject(audits.first?.afterJSON)["revenue"] as? Int, 12345)

            // The same month again (spelled 2025-3) replaces it: one row, the old figures in the audit.
            let second = try await api.send(.PUT, Site.API.enterpriseIndicator(id, "2025-3"), body: ["revenue": 20000, "tax": 500])
            XCTAssertEqual(second.status, .ok, second.text)
            body = try api.object(second)
            XCTAssertEqual(body["period"] as? String, "2025-03")
            XCTAssertEqual(body["revenue"] as? Int, 20000)
            XCTAssertEqual(body["tax"] as? Int, 500)
            XCTAssertNil(body["employees"] as? Int, "a correction replaces the whole month")
            Check.equal(try await Probe.count(app, "enterprise_indicators", where: "enterprise_id = \(id)"), 1)
            let row = try Check.unwrap(try await EnterpriseIndicator.query(on: app.db).filter(\.$enterpriseID == id).first())
            XCTAssertEqual(row.period, "2025-03")
            XCTAssertEqual(row.revenue, 20000)
            XCTAssertEqual(row.tax, 500)
            XCTAssertNil(row.employees)
            audits = try await Probe.audits(app, entity: "enterprise_indicator", entityID: "\(id)/2025-03")
            XCTAssertEqual(audits.map(\.action), ["create", "update"])
            let before = try parseJSONObject(audits.last?.beforeJSON), after = try parseJSONObject(audits.last?.afterJSON)
            XCTAssertEqual(before["revenue"] as? Int, 12345)
            XCTAssertEqual(before["employees"] as? Int, 36)
            XCTAssertEqual(after["revenue"] as? Int, 20000)
            XCTAssertEqual(after["tax"] as? Int, 500)
            XCTAssertNil(after["employees"] as? Int)
            XCTAssertEqual(audits.last?.actorID, fixtures.users[.office])

            // The current month (the test clock is 2026-09-21 in Shanghai) and the largest accepted money value are fine.
            let current = try await api.send(.PUT, Site.API.enterpriseIndicator(id, "2026-09"), body: ["rdExpense": 999_999_999_999, "inventionPatents": 9_999_999])
            XCTAssertEqual(current.status, .ok, current.text)
            let months = try api.object(try await api.send(.GET, Site.API.enterpriseIndicators(id)))
            XCTAssertEqual((months["items"] as? [[String: Any]])?.compactMap { $0["period"] as? String }, ["2026-09", "2025-03"], "newest first")
        }
    }

    func testFigureRuleFailuresAreRefusedAndWriteNothing() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("月报规则企业", code: USCC.numbered(71), unit: fixtures.team)
            let audits = try await Probe.auditCount(app)
            let cases: [(period: String, body: [String: Any], field: String, message: String)] = [
                ("2025-03", ["revenue": -1], "revenue", "营业收入（万元）不能为负数"),
                ("2025-03", ["outputValue": -100], "outputValue", "工业产值（万元）不能为负数"),
                ("2025-03", ["tax": 1_000_000_000_000], "tax", "税收（万元）数值过大，请确认单位为万元"),
                ("2025-03", ["rdExpense": Int64.max], "rdExpense", "研发费用（万元）数值过大，请确认单位为万元"),
                ("2025-03", ["employees": -1], "employees", "从业人员（人）应为 0 到 10000000 之间的整数"),
                ("2025-03", ["inventionPatents": 10_000_000], "inventionPatents", "发明专利（件）应为 0 到 10000000 之间的整数"),
                ("2026-10", ["revenue": 1], "period", "不能填报未来月份 2026-10"),
                ("2030-01", ["revenue": 1], "period", "不能填报未来月份 2030-01"),
                ("1900-01", ["revenue": 1], "period", "月份不能早于 1990 年（1900-01）"),
                ("2025-13", ["revenue": 1], "period", "月份“2025-13”格式不对，应为 YYYY-MM，如 2025-03"),
                ("2025-03-15", ["revenue": 1], "period", "月份“2025-03-15”格式不对，应为 YYYY-MM，如 2025-03"),
                ("2025-03", [:], "revenue", "请至少填写一项指标"),
                ("2025-03", ["revenue": NSNull(), "tax": NSNull()], "revenue", "请至少填写一项指标"),
            ]
            for (period, body, field, message) in cases {
                let error = try SeenAPIError(try await api.send(.PUT, Site.API.enterpriseIndicator(id, period), body: body))
                XCTAssertEqual(error.status, .unprocessableEntity, "\(period) \(body)")
                XCTAssertEqual(error.field, field, "\(period) \(body)")
                XCTAssertEqual(error.message, message, "\(period) \(body)")
            }
            let several = try SeenAPIError(try await api.send(.PUT, Site.API.enterpriseIndicator(id, "2026-12"), body: ["revenue": -1, "employees": -2]))
            XCTAssertEqual(Set(several.details.compactMap(\.field)), ["period", "revenue", "employees"])
            // Not a whole number: the body does not decode, a 400 naming the field.
            let values: [Any] = ["abc", "12345", 12.5, true]
            for value in values {
                let error = try SeenAPIError(try await api.send(.PUT, Site.API.enterpriseIndicator(id, "2025-03"), body: ["revenue": value]))
                XCTAssertEqual(error.status, .badRequest, "\(value)")
                XCTAssertTrue(error.containsChinese, error.message)
            }
            let text = try SeenAPIError(try await api.send(.PUT, Site.API.enterpriseIndicator(id, "2025-03"), body: ["revenue": "abc"]))
            XCTAssertEqual(text.field, "revenue")
            let missing = try SeenAPIError(try await api.send(.PUT, Site.API.enterpriseIndicator(987_654, "2025-03"), body: ["revenue": 1]))
            XCTAssertEqual(missing.status, .notFound)
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 0)
            Check.equal(try await Probe.auditCount(app), audits)
        }
    }

    /// The month form on the enterprise page: each failure re-renders the page (422) with the
    /// message beside the field and the typed values kept; a good month shows in 亿元.
    func testTheMonthFormShowsFailuresBesideTheFieldAndMoneyIn100MillionYuan() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let id = try await api.createEnterprise("页面月报企业", code: USCC.numbered(72), unit: fixtures.team)
            let browser = try await Browser.signedIn(app, as: .office)
            Check.equal(try await browser.get(Site.enterprise(id)).status, .ok)
            let cases: [(form: [(String, String)], errors: [String: String])] = [
                ([("period", "2025-03"), ("revenue", "-5")], ["revenue": "营业收入（万元）不能为负数"]),
                ([("period", "2025-03"), ("revenue", "abc")], ["revenue": "营业收入应为整数"]),
                ([("period", "2025-03"), ("revenue", "12.5")], ["revenue": "营业收入应为整数"]),
                ([("period", "2025-03"), ("revenue", "99999999999999999999")], ["revenue": "营业收入应为整数"]),
                ([("period", "2025-03"), ("tax", "1000000000000")], ["tax": "税收（万元）数值过大，请确认单位为万元"]),
                ([("period", "2025-03"), ("employees", "1.5")], ["employees": "从业人员应为整数"]),
                ([("period", "2025-03"), ("inventionPatents", "-1")], ["inventionPatents": "发明专利（件）应为 0 到 10000000 之间的整数"]),
                ([("period", "2025-13"), ("revenue", "100")], ["period": "月份“2025-13”格式不对，应为 YYYY-MM，如 2025-03"]),
                ([("period", "2026-10"), ("revenue", "100")], ["period": "不能填报未来月份 2026-10"]),
                ([("period", ""), ("revenue", "100")], ["period": "请填写月份"]),
                ([("period", "2025-03")], ["revenue": "请至少填写一项指标"]),
                // A figure that does not parse and another that breaks a rule: both shown at once.
                ([("period", "2025-03"), ("revenue", "-5"), ("tax", "abc")], ["revenue": "营业收入（万元）不能为负数", "tax": "税收应为整数"]),
                ([("period", "2026-10"), ("tax", "abc")], ["period": "不能填报未来月份 2026-10", "tax": "税收应为整数"]),
            ]
            for (form, errors) in cases {
                let response = try await browser.post(Site.enterpriseIndicators(id), form)
                XCTAssertEqual(response.status, .unprocessableEntity, "\(form)")
                for (field, message) in errors {
                    XCTAssertEqual(HTMLProbe.fieldError(response.text, field), message, "\(form): \(HTMLProbe.allFieldErrors(response.text))")
                }
                XCTAssertEqual(HTMLProbe.allFieldErrors(response.text).count, errors.count, "\(form): \(HTMLProbe.allFieldErrors(response.text))")
                for (field, typed) in form where !typed.isEmpty {
                    XCTAssertEqual(HTMLProbe.inputValue(response.text, field), typed, "\(field) keeps what was typed")
                }
                XCTAssertTrue(response.text.contains("页面月报企业"), "the enterprise page itself is re-rendered")
            }
            Check.equal(try await Probe.count(app, "enterprise_indicators"), 0)
            Check.equal(try await Probe.count(app, "audit_log", where: "entity = 'enterprise_indicator'"), 0)

            let saved = try await browser.post(Site.enterpriseIndicators(id), [("period", "2025/3"), ("revenue", "12,345"), ("outputValue", "1234567"),
                                                                               ("tax", ""), ("employees", "36")])
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            XCTAssertEqual(saved.location, Site.enterprise(id) + "?notice=saved")
            let row = try Check.unwrap(try await EnterpriseIndicator.query(on: app.db).filter(\.$enterpriseID == id).first())
            XCTAssertEqual(row.period, "2025-03")
            XCTAssertEqual(row.revenue, 12345, "stored in 万元")
            XCTAssertEqual(row.outputValue, 1_234_567)
            XCTAssertNil(row.tax)
            XCTAssertEqual(row.employees, 36)
            let audit = try await Probe.audits(app, entity: "enterprise_indicator", entityID: "\(id)/2025-03")
            XCTAssertEqual(audit.map(\.action), ["create"])
            XCTAssertEqual(audit.first?.actorID, fixtures.users[.office])

            let page = try await browser.get(saved.location!)
            let table = HTMLProbe.tableBody(page.text)
            XCTAssertTrue(table.contains("<td>2025-03</td><td class=\"num\">1.23</td><td class=\"num\">123.46</td><td class=\"num\">—</td><td class=\"num\">—</td><td class=\"num\">36</td><td class=\"num\">—</td>"),
                          "12345 万元 shows as 1.23 亿元, 1234567 万元 as 123.46; unreported figures as —: \(table)")
            XCTAssertTrue(page.text.contains("营业收入（亿元）"), "the heading names the unit shown")
        }
    }
}
