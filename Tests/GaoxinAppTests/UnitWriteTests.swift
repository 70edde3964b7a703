import GaoxinDomain
@testable import GaoxinApp
import XCTVapor
import XCTest

/// Creating and editing units through the HTML form and the API: the happy paths write the unit
/// and its audit row; every rule failure is a 422 naming the field with a Chinese message (beside
/// the field in HTML), and then nothing at all is written.
final class UnitWriteTests: XCTestCase {
    func testCreateThroughFormRedirectsToTheUnitAndAuditsIt() async throws {
        try await withApp { app, fixtures in
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            Check.equal(try await browser.get(Site.unitNew).status, .ok)
            let units = try await Probe.count(app, "units"), audits = try await Probe.auditCount(app, entity: "unit")
            let response = try await browser.post(Site.units, [("name", "滨湖招商一组"), ("kind", "attractionTeam"), ("parentId", "\(fixtures.board)"),
                                                               ("code", "BH-ZS1"), ("sortOrder", "5"), ("note", "负责滨湖片区")])
            XCTAssertEqual(response.status, .seeOther, response.text)
            let location = try XCTUnwrap(response.location)
            XCTAssertTrue(location.hasSuffix("?notice=created"), location)
            let id = try XCTUnwrap(Int(location.dropFirst("/units/".count).prefix { $0.isNumber }))
            let unit = try await Probe.unit(app, id)
            XCTAssertEqual(unit.name, "滨湖招商一组")
            XCTAssertEqual(unit.kind, "attractionTeam")
            XCTAssertEqual(unit.code, "BH-ZS1")
            XCTAssertEqual(unit.sortOrder, 5)
            XCTAssertEqual(unit.note, "负责滨湖片区")
            XCTAssertTrue(unit.active)
            Check.equal(unit.path, try await Probe.unit(app, fixtures.board).path + "\(id)/")
            let unitsAfter = try await Probe.count(app, "units"), auditsAfter = try await Probe.auditCount(app, entity: "unit")
            XCTAssertEqual(unitsAfter, units + 1)
            XCTAssertEqual(auditsAfter, audits + 1)
            let audit = try await Probe.lastAudit(app, entity: "unit", id: id)
            XCTAssertEqual(audit?.action, "create")
            XCTAssertEqual(audit?.actorId, fixtures.users[.office])
            XCTAssertNil(audit?.beforeJson)
            XCTAssertTrue(audit?.afterJson?.contains("滨湖招商一组") ?? false, audit?.afterJson ?? "no after")
            let page = try await browser.get(location)
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.text.contains("滨湖招商一组"))
            XCTAssertTrue(page.text.contains("负责滨湖片区"))
        }
    }

    func testCreateThroughAPIReturns201WithTheUnit() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let response = try await api.send(.POST, Site.API.units, body: ["name": "海外商务中心（硅谷）", "kind": "overseasCentre",
                                                                           "parentId": fixtures.zone, "code": "HW-SV", "sortOrder": 3])
            XCTAssertEqual(response.status, .created, response.text)
            let body = try api.object(response)
            let id = try XCTUnwrap(body["id"] as? Int)
            XCTAssertEqual(body["name"] as? String, "海外商务中心（硅谷）")
            XCTAssertEqual(body["kind"] as? String, "overseasCentre")
            XCTAssertEqual(body["kindName"] as? String, "海外商务中心")
            XCTAssertEqual(body["parentId"] as? Int, fixtures.zone)
            XCTAssertEqual(body["depth"] as? Int, 3)
            XCTAssertEqual(body["active"] as? Bool, true)
            Check.equal(body["path"] as? String, try await Probe.unit(app, fixtures.zone).path + "\(id)/")
            let shown = try api.object(try await api.send(.GET, Site.API.unit(id)))
            XCTAssertEqual(shown["code"] as? String, "HW-SV")
            Check.equal(try await Probe.lastAudit(app, entity: "unit", id: id)?.action, "create")
        }
    }

    /// One form submission per rule; each is refused beside its field and writes nothing.
    func testEveryFormRuleFailureIsShownBesideItsFieldAndWritesNothing() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let closed = try await api.createUnit("已撤销的专班", kind: "taskForce", parent: fixtures.zone)
            Check.equal(try await api.send(.POST, Site.API.unitDeactivate(closed)).status, .ok)
            let long = String(repeating: "高", count: 101)
            let cases: [(form: [String: String], field: String, message: String)] = [
                (["name": "", "kind": "department"], "name", "请填写单位名称"),
                (["name": "   ", "kind": "department"], "name", "请填写单位名称"),
                (["name": long, "kind": "department"], "name", "单位名称不能超过 100 个字符"),
                (["name": "规划部", "kind": ""], "kind", "请选择单位类型"),
                (["name": "规划部", "kind": "planet"], "kind", "单位类型只能是：" + UnitKind.allCases.map(\.nameZh).joined(separator: "、")),
                (["name": "规划部", "kind": "department", "code": "规划-01"], "code", "单位编码只能包含字母、数字、- _ ."),
                (["name": "规划部", "kind": "department", "sortOrder": "第一"], "sortOrder", "排序号应为 -1000000–1000000 之间的整数"),
                (["name": "规划部", "kind": "department", "sortOrder": "2000000"], "sortOrder", "排序号应为 -1000000–1000000 之间的整数"),
                (["name": "规划部", "kind": "department", "parentId": "999999"], "parentId", "上级单位：找不到单位“999999”"),
                (["name": "规划部", "kind": "department", "parentId": "abc"], "parentId", "上级单位：找不到单位“abc”"),
                (["name": "规划部", "kind": "department", "parentId": "\(closed)"], "parentId", "上级单位：单位“已撤销的专班”已停用"),
            ]
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let units = try await Probe.count(app, "units"), audits = try await Probe.auditCount(app)
            for (form, field, message) in cases {
                try await browser.get(Site.unitNew)
                let response = try await browser.post(Site.units, form.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
                XCTAssertEqual(response.status, .unprocessableEntity, "\(form)")
                XCTAssertEqual(HTMLProbe.fieldError(response.text, field), message, "\(form): \(HTMLProbe.allFieldErrors(response.text))")
                if field != "name", let typed = form["name"] {
                    XCTAssertEqual(HTMLProbe.inputValue(response.text, "name"), typed, "what was typed is kept")
                }
            }
            let unitsAfter = try await Probe.count(app, "units"), auditsAfter = try await Probe.auditCount(app)
            XCTAssertEqual(unitsAfter, units, "no unit written")
            XCTAssertEqual(auditsAfter, audits, "no audit row written")
        }
    }

    func testAPIRuleFailuresAre422WithFieldCodeAndChineseMessageAndWriteNothing() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let units = try await Probe.count(app, "units"), audits = try await Probe.auditCount(app)
            let cases: [(body: [String: Any], field: String, code: String, message: String)] = [
                (["kind": "department"], "name", "required", "请填写单位名称"),
                (["name": String(repeating: "区", count: 101), "kind": "department"], "name", "too_long", "单位名称不能超过 100 个字符"),
                (["name": "规划部"], "kind", "required", "请选择单位类型"),
                (["name": "规划部", "kind": "星球"], "kind", "invalid", "单位类型只能是：" + UnitKind.allCases.map(\.nameZh).joined(separator: "、")),
                (["name": "规划部", "kind": "department", "code": "a b"], "code", "invalid", "单位编码只能包含字母、数字、- _ ."),
                (["name": "规划部", "kind": "department", "parentId": 424242], "parentId", "invalid", "上级单位：找不到单位“424242”"),
                (["name": "规划部", "kind": "department", "sortOrder": -1_000_001], "sortOrder", "invalid", "排序号应为 -1000000–1000000 之间的整数"),
            ]
            for (body, field, code, message) in cases {
                let response = try await api.send(.POST, Site.API.units, body: body)
                let error = try SeenAPIError(response)
                XCTAssertEqual(error.status, .unprocessableEntity, "\(body)")
                XCTAssertEqual(error.field, field, "\(body)")
                XCTAssertEqual(error.code, code, "\(body)")
                XCTAssertEqual(error.message, message, "\(body)")
            }
            // Several failures at once: the error names the first, details list them all.
            let both = try SeenAPIError(try await api.send(.POST, Site.API.units, body: ["name": "", "kind": "x", "code": "中文"]))
            XCTAssertEqual(Set(both.details.compactMap(\.field)), ["name", "kind", "code"])
            XCTAssertTrue(both.details.allSatisfy { !$0.message.isEmpty })
            // A value of the wrong JSON type is refused at its field (as every declared register's is), not a 500.
            let wrongType = try SeenAPIError(try await api.send(.POST, Site.API.units, json: #"{"name": 5, "kind": "zone"}"#))
            XCTAssertEqual(wrongType.status, .unprocessableEntity)
            XCTAssertEqual(wrongType.field, "name")
            XCTAssertTrue(wrongType.containsChinese, wrongType.message)
            let notJSON = try SeenAPIError(try await api.send(.POST, Site.API.units, json: "{name:"))
            XCTAssertEqual(notJSON.status, .badRequest)
            let unitsAfter = try await Probe.count(app, "units"), auditsAfter = try await Probe.auditCount(app)
            XCTAssertEqual(unitsAfter, units)
            XCTAssertEqual(auditsAfter, audits)
        }
    }

    func testDuplicateCodeIsRefusedOnCreateAndEdit() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let units = try await Probe.count(app, "units"), audits = try await Probe.auditCount(app, entity: "unit")
            let created = try SeenAPIError(try await api.send(.POST, Site.API.units, body: ["name": "另一个板块", "kind": "board", "code": "XW"]))
            XCTAssertEqual(created.status, .unprocessableEntity)
            XCTAssertEqual(created.field, "code")
            XCTAssertEqual(created.code, "duplicate")
            XCTAssertEqual(created.message, "单位编码“XW”已被“新吴”使用")
            let edited = try SeenAPIError(try await api.send(.PATCH, Site.API.unit(fixtures.team), body: ["code": "ZS-SMJK"]))
            XCTAssertEqual(edited.status, .unprocessableEntity)
            XCTAssertEqual(edited.field, "code")
            Check.equal(try await Probe.unit(app, fixtures.team).code, "ZS-JCDL", "the edit was not applied")
            // Keeping one's own code is no conflict.
            Check.equal(try await api.send(.PATCH, Site.API.unit(fixtures.team), body: ["code": "ZS-JCDL", "note": "保留编码"]).status, .ok)

            let browser = Browser(app)
            try await browser.signIn(as: .office)
            try await browser.get(Site.unitNew)
            let form = try await browser.post(Site.units, [("name", "另一个板块"), ("kind", "board"), ("code", "WX")])
            XCTAssertEqual(form.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(form.text, "code"), "单位编码“WX”已被“无锡市”使用")
            let unitsAfter = try await Probe.count(app, "units"), auditsAfter = try await Probe.auditCount(app, entity: "unit")
            XCTAssertEqual(unitsAfter, units)
            XCTAssertEqual(auditsAfter, audits + 1, "only the successful note edit is audited")
        }
    }

    func testDuplicateSiblingNameIsRefusedButTheSameNameElsewhereIsFine() async throws {
        try await withApp { app, fixtures in
            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let units = try await Probe.count(app, "units")
            let sibling = try SeenAPIError(try await api.send(.POST, Site.API.units, body: ["name": "集成电路招商团队", "kind": "attractionTeam", "parentId": fixtures.zone]))
            XCTAssertEqual(sibling.status, .unprocessableEntity)
            XCTAssertEqual(sibling.field, "name")
            XCTAssertEqual(sibling.code, "duplicate")
            XCTAssertEqual(sibling.message, "同一上级单位下已有名为“集成电路招商团队”的单位")
            let topLevel = try SeenAPIError(try await api.send(.POST, Site.API.units, body: ["name": "无锡市", "kind": "city"]))
            XCTAssertEqual(topLevel.field, "name", "two roots with one name are siblings too")
            let unitsAfterRefusals = try await Probe.count(app, "units")
            XCTAssertEqual(unitsAfterRefusals, units)
            _ = try await api.createUnit("集成电路招商团队", kind: "attractionTeam", parent: fixtures.board)
            // Renaming onto a sibling's name is refused as well.
            let rename = try SeenAPIError(try await api.send(.PATCH, Site.API.unit(fixtures.otherTeam), body: ["name": "集成电路招商团队"]))
            XCTAssertEqual(rename.field, "name")
            Check.equal(try await Probe.unit(app, fixtures.otherTeam).name, "生命健康招商团队")
        }
    }

    func testEditThroughFormAndAPIChangesFieldsAndAuditsBeforeAndAfter() async throws {
        try await withApp { app, fixtures in
            let browser = Browser(app)
            try await browser.signIn(as: .office)
            let form = try await browser.get(Site.unitEdit(fixtures.team))
            XCTAssertEqual(form.status, .ok)
            XCTAssertEqual(HTMLProbe.inputValue(form.text, "name"), "集成电路招商团队")
            XCTAssertEqual(HTMLProbe.inputValue(form.text, "code"), "ZS-JCDL")
            let saved = try await browser.post(Site.unit(fixtures.team), [("name", "集成电路与半导体招商团队"), ("kind", "attractionTeam"),
                                                                          ("code", "ZS-IC"), ("sortOrder", "2"), ("note", "")])
            XCTAssertEqual(saved.status, .seeOther, saved.text)
            XCTAssertEqual(saved.location, Site.unit(fixtures.team) + "?notice=saved")
            var unit = try await Probe.unit(app, fixtures.team)
            XCTAssertEqual(unit.name, "集成电路与半导体招商团队")
            XCTAssertEqual(unit.code, "ZS-IC")
            XCTAssertEqual(unit.sortOrder, 2)
            XCTAssertEqual(unit.parentID, fixtures.zone, "the edit form does not move")
            let audit = try Check.unwrap(try await Probe.lastAudit(app, entity: "unit", id: fixtures.team))
            XCTAssertEqual(audit.action, "update")
            XCTAssertTrue(audit.beforeJson?.contains("集成电路招商团队") ?? false)
            XCTAssertTrue(audit.afterJson?.contains("集成电路与半导体招商团队") ?? false)

            // A failed edit keeps the stored unit as it was and writes no audit row.
            let audits = try await Probe.auditCount(app)
            try await browser.get(Site.unitEdit(fixtures.team))
            let refused = try await browser.post(Site.unit(fixtures.team), [("name", ""), ("kind", "attractionTeam")])
            XCTAssertEqual(refused.status, .unprocessableEntity)
            XCTAssertEqual(HTMLProbe.fieldError(refused.text, "name"), "请填写单位名称")
            Check.equal(try await Probe.unit(app, fixtures.team).name, "集成电路与半导体招商团队")
            let auditsAfterRefusal = try await Probe.auditCount(app)
            XCTAssertEqual(auditsAfterRefusal, audits)

            let api = try await APIClient.forRole(.office, app: app, fixtures: fixtures)
            let patched = try await api.send(.PATCH, Site.API.unit(fixtures.team), body: ["note": "只改备注"])
            XCTAssertEqual(patched.status, .ok, patched.text)
            unit = try await Probe.unit(app, fixtures.team)
            XCTAssertEqual(unit.note, "只改备注")
            XCTAssertEqual(unit.name, "集成电路与半导体招商团队", "absent fields keep their value")
            // The parent changes only by moving: a PATCH naming another parent is refused at the field.
            let reparent = try SeenAPIError(try await api.send(.PATCH, Site.API.unit(fixtures.team), body: ["parentId": fixtures.board]))
            XCTAssertEqual(reparent.status, .unprocessableEntity)
            XCTAssertEqual(reparent.field, "parentId")
            XCTAssertEqual(reparent.message, "上级单位只能通过单位页上的“移动”修改")
            Check.equal(try await Probe.unit(app, fixtures.team).parentID, fixtures.zone)
            let missing = try SeenAPIError(try await api.send(.PATCH, Site.API.unit(987_654), body: ["note": "x"]))
            XCTAssertEqual(missing.status, .notFound)
            XCTAssertEqual(missing.code, "not_found")
        }
    }
}
