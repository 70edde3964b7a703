import Fluent
import GaoxinDomain
@testable import GaoxinApp
import GaoxinSheets
import SQLKit
import XCTVapor
import XCTest

/// The contract every declared register keeps, run for each one in `Registers.declared`: a new register
/// is covered by declaring it. Create, show, update, deactivate through the API and through HTML
/// forms (with CSRF); a bad value is a 422 at its field that writes nothing; the audit row holds
/// before → after; export → import changes nothing; the OpenAPI document describes every route.
final class RegisterContractTests: XCTestCase {
    func testEveryRegisterCreatesShowsUpdatesAndDeactivatesThroughTheAPIWithAudit() async throws {
        for declaration in Registers.declared {
            try await withApp { app, fixtures in
                let office = try await APIClient.forRole(RegisterSamples.writer(declaration), app: app, fixtures: fixtures)
                let targets = try await RegisterSamples.targets(declaration, app: app, unit: fixtures.team)
                let texts = RegisterSamples.texts(declaration, n: 1, unit: fixtures.team, targets: targets, source: .json)
                let created = try await office.send(.POST, declaration.apiPath, json: RegisterSamples.json(declaration, texts))
                XCTAssertEqual(created.status, .created, "\(declaration.key): \(created.text)")
                let body = try parseJSONObject(created)
                let id = try XCTUnwrap(body["id"] as? Int)
                // A secret is never shown; several choices are shown as an array of their codes.
                XCTAssertTrue(declaration.fields.filter(\.kind.isSecret).allSatisfy { body[$0.key] == nil }, declaration.key)
                for field in declaration.fields where texts[field.key] != nil && !field.kind.isSecret {
                    if case .choices = field.kind {
                        XCTAssertEqual(body[field.key] as? [String], [texts[field.key]!], "\(declaration.key).\(field.key)")
                        continue
                    }
                    let shown = body[field.key].map { "\($0)" }
                    let expected = field.kind.isFlag ? (texts[field.key] == "1" ? "1" : "0") : texts[field.key]
                    XCTAssertEqual(shown, expected, "\(declaration.key).\(field.key)")
                }
                let shown = try await office.send(.GET, declaration.apiPath(id))
                XCTAssertEqual(shown.status, .ok)
                let createdAudit = try await Stored.audit(app, entity: declaration.entity, action: "create", entityID: id)
                XCTAssertEqual(createdAudit.count, 1, declaration.key)

                let renamed = "改名后的\(declaration.titleZh)"
                let patched = try await office.send(.PATCH, declaration.apiPath(id), json: "{\"\(declaration.nameField)\":\"\(renamed)\"}")
                XCTAssertEqual(patched.status, .ok, patched.text)
                XCTAssertEqual(try parseJSONObject(patched)[declaration.nameField] as? String, renamed)
                let update = try await AssertAsync.unwrap(try await Stored.audit(app, entity: declaration.entity, action: "update", entityID: id).last)
                XCTAssertEqual(try parseJSONObject(update.beforeJSON)[declaration.nameField] as? String, texts[declaration.nameField])
                XCTAssertEqual(try parseJSONObject(update.afterJSON)[declaration.nameField] as? String, renamed)
                for (field, value) in texts where field != declaration.nameField && declaration.field(field)?.kind.isSecret != true {
                    XCTAssertNotNil(try parseJSONObject(update.afterJSON)[field], "the snapshot holds unchanged \(field) too: \(value)")
                }

                let deactivated = try await office.send(.POST, declaration.apiPath(id) + "/deactivate")
                XCTAssertEqual(try parseJSONObject(deactivated)["active"] as? Bool, false)
                let listed = try parseJSONObject(try await office.send(.GET, declaration.apiPath + "?active=0"))
                XCTAssertEqual((listed["items"] as? [[String: Any]])?.map { $0["id"] as? Int }, [id])
                let reactivated = try await office.send(.POST, declaration.apiPath(id) + "/reactivate")
                XCTAssertEqual(try parseJSONObject(reactivated)["active"] as? Bool, true)
                try await AssertAsync.equal(try await Stored.audit(app, entity: declaration.entity, action: "deactivate", entityID: id).count, 1)
            }
        }
    }

    func testEveryRegistersFormsWorkWithCSRFAndShowFailuresBesideTheField() async throws {
        for declaration in Registers.declared {
            try await withApp { app, fixtures in
                let browser = try await Browser.signedIn(app, as: RegisterSamples.writer(declaration))
                let form = try await browser.get(declaration.path + "/new")
                XCTAssertEqual(form.status, .ok, declaration.key)
                for field in declaration.inputFields where !field.kind.isMulti {
                    let name = field.kind.isList ? field.key + "[]" : field.key
                    XCTAssertTrue(form.text.contains("name=\"\(name)\""), "\(declaration.key): a control for \(field.key)")
                }
                let targets = try await RegisterSamples.targets(declaration, app: app, unit: fixtures.team)
                let texts = RegisterSamples.texts(declaration, n: 2, unit: fixtures.team, targets: targets, source: .form)
                let before = try await Stored.count(app, declaration.table)
                let refused = try await browser.post(declaration.path, texts.map { ($0.key, $0.value) }, withCSRF: false)
                XCTAssertEqual(refused.status, .forbidden, "no CSRF token, no write")
                let posted = try await browser.post(declaration.path, texts.map { ($0.key, $0.value) })
                XCTAssertEqual(posted.status, .seeOther, "\(declaration.key): \(posted.text)")
                let location = try XCTUnwrap(posted.location)
                let page = try await browser.get(location)
                XCTAssertTrue(page.text.contains(texts[declaration.nameField]!), "the record page shows its name")
                for field in declaration.inputFields where field.kind.isMoney {
                    let id = Int(location.split(separator: "/").last!.prefix { $0.isNumber })!
                    let stored = try await RegisterStore.find(declaration, id: id, on: app.db)
                    XCTAssertEqual(stored?.values[field.key], .integer(125_000), "12.5 亿元 typed in the form is 125,000 万元")
                }
                try await AssertAsync.equal(try await Stored.count(app, declaration.table), before + 1)

                // The record page's own forms (with CSRF): edit, deactivate, reactivate — each audited.
                let id = Int(location.split(separator: "/").last!.prefix { $0.isNumber })!
                // The edit form has no control for a secret (set only on creation): nothing posted for it.
                var edited = texts.filter { declaration.field($0.key)?.kind.isSecret != true }
                edited[declaration.nameField] = "表单改名的\(declaration.titleZh)"
                let updated = try await browser.post(declaration.path(id), edited.map { ($0.key, $0.value) })
                XCTAssertEqual(updated.status, .seeOther, "\(declaration.key) edit: \(updated.text)")
                let renamed = try await RegisterStore.find(declaration, id: id, on: app.db)
                XCTAssertEqual(renamed?.values[declaration.nameField], .text(edited[declaration.nameField]!), declaration.key)
                try await AssertAsync.equal(try await Stored.audit(app, entity: declaration.entity, action: "update", entityID: id).count, 1)
                let refusedOff = try await browser.post(declaration.path(id) + "/deactivate", withCSRF: false)
                XCTAssertEqual(refusedOff.status, .forbidden)
                let off = try await browser.post(declaration.path(id) + "/deactivate")
                XCTAssertEqual(off.status, .seeOther, "\(declaration.key) deactivate: \(off.text)")
                try await AssertAsync.equal(try await RegisterStore.find(declaration, id: id, on: app.db)?.active, false)
                let on = try await browser.post(declaration.path(id) + "/reactivate")
                XCTAssertEqual(on.status, .seeOther, "\(declaration.key) reactivate: \(on.text)")
                try await AssertAsync.equal(try await RegisterStore.find(declaration, id: id, on: app.db)?.active, true)
                try await AssertAsync.equal(try await Stored.audit(app, entity: declaration.entity, action: "deactivate", entityID: id).count, 1)
                try await AssertAsync.equal(try await Stored.audit(app, entity: declaration.entity, action: "reactivate", entityID: id).count, 1)

                // The audit log offers the register as a kind of record and names the change by its labels.
                let audit = try await (try await Browser.signedIn(app, as: .auditor)).get("/audit?entity=\(declaration.entity)&entityId=\(id)")
                XCTAssertEqual(audit.status, .ok, declaration.key)
                XCTAssertTrue(audit.text.contains("<option value=\"\(declaration.entity)\" selected=\"selected\">\(declaration.titleZh)</option>"), "\(declaration.key): the filter offers its kind")
                XCTAssertTrue(audit.text.contains("\(declaration.titleZh) 表单改名的\(declaration.titleZh)"), "\(declaration.key): the object is named by kind and name")
                let updateEntry = try await AssertAsync.unwrap(try await Stored.audit(app, entity: declaration.entity, action: "update", entityID: id).first?.id)
                let entry = try await (try await Browser.signedIn(app, as: .auditor)).get(Site.auditEntry(updateEntry))
                XCTAssertTrue(entry.text.contains("<tr><th scope=\"row\">\(declaration.name.zh)</th><td>\(texts[declaration.nameField]!)</td><td>表单改名的\(declaration.titleZh)</td></tr>"),
                              "\(declaration.key): the change is labelled, old → new")

                // Every bad value of a typed field is refused at its field, and nothing is written.
                for field in declaration.inputFields {
                    let bad: String?
                    switch field.kind {
                    case .money: bad = "12.345"
                    case .date: bad = "2025-02-30"
                    case .month: bad = "2025-13"
                    case .integer, .area: bad = "很多"
                    case .decimal(let places, _, _): bad = "1." + String(repeating: "1", count: places + 1)
                    case .choice: bad = "不存在的选项"
                    case .industry: bad = "3999"
                    case .reference: bad = "999999"
                    case .text(let max), .code(let max): bad = String(repeating: "长", count: max + 1)
                    case .creditCode: bad = "91320214MA1000001X"
                    default: bad = nil
                    }
                    guard let bad else { continue }
                    var values = RegisterSamples.texts(declaration, n: 3, unit: fixtures.team, targets: targets, source: .form)
                    values[field.key] = bad
                    let response = try await browser.post(declaration.path, values.map { ($0.key, $0.value) })
                    XCTAssertEqual(response.status, .unprocessableEntity, "\(declaration.key).\(field.key) = \(bad)")
                    XCTAssertNotNil(HTMLProbe.fieldError(response.text, field.key), "\(declaration.key).\(field.key): the message is beside the field")
                }
                try await AssertAsync.equal(try await Stored.count(app, declaration.table), before + 1)
            }
        }
    }

    func testEveryRegistersExportImportsBackUnchangedAndABadRowWritesNothing() async throws {
        for declaration in Registers.declared {
            for format in ["csv", "xlsx"] {
                try await withApp { app, fixtures in
                    let targets = try await RegisterSamples.targets(declaration, app: app, unit: fixtures.team)
                    for n in 1...3 {
                        _ = try await RegisterStore.insert(declaration, RegisterSamples.values(declaration, n: n, unit: fixtures.team, targets: targets), now: app.clock.now(), on: app.db)
                    }
                    let driver = try await ImportDriver.signedIn(RegisterSamples.writer(declaration), app: app, fixtures: fixtures)
                    let exported = try await driver.browser.get(declaration.path + "/export?format=\(format)")
                    XCTAssertEqual(exported.status, .ok)
                    let ids = try await (app.db as! any SQLDatabase).raw("SELECT id FROM \(unsafeRaw: declaration.table) ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
                    let before = try await RegisterStore.load(declaration, ids: ids, on: app.db)
                    let audits = try await Probe.auditCount(app, entity: declaration.entity)
                    let (_, job) = try await driver.viaPage(declaration.key, fileName: "\(declaration.titleZh).\(format)", data: exported.bodyData)
                    XCTAssertEqual(job["status"] as? String, "succeeded", "\(declaration.key) \(format): \(job)")
                    let after = try await RegisterStore.load(declaration, ids: ids, on: app.db)
                    XCTAssertEqual(after, before, "\(declaration.key) \(format): export → import changes nothing")
                    Check.equal(try await Probe.auditCount(app, entity: declaration.entity), audits)

                    // A file with one bad row is refused whole, the row and column named.
                    var table = try format == "csv" ? CSVFormat.read(exported.bodyData) : XCTUnwrap(XLSXReader.read(exported.bodyData).first)
                    // The export's columns: the template's but a secret (never exported).
                    let columns = declaration.inputFields.filter { !$0.kind.isSecret }
                    let keyColumn = try XCTUnwrap(columns.firstIndex { $0.key == declaration.importKey })
                    // A new key makes a new record; a key naming a record of another register (a liaison's
                    // enterprise) cannot be invented, so that row stays an unchanged update.
                    // A register with checks across records (one target list per unit and year) gets no invented row either.
                    // Nor does a register whose new records need a secret the export never holds (a user's initial password).
                    if declaration.field(declaration.importKey)?.kind.target == nil && declaration.batchCheck == nil
                        && !declaration.fields.contains(where: { $0.kind.isSecret && $0.required }) {
                        // A changed value the field takes (a code of letters and digits gets a letter more).
                        // A credit code is another valid one (its check character must hold).
                        func changed(_ text: String, _ field: RegisterField) -> SheetCell {
                            if case .creditCode = field.kind { return .text(USCC.numbered(98_765)) }
                            return .text(text + (field.characters == nil ? "（已改）" : "X"))
                        }
                        table.rows[1][keyColumn] = changed(table.rows[1][keyColumn].text, columns[keyColumn])
                        // Its other unique texts too (a name beside a code), or the new record would repeat them.
                        // …and its name, so it is another company, not a second lead for the same one.
                        for (index, field) in columns.enumerated() where (field.unique || field.key == declaration.nameField) && field.kind.target == nil && index != keyColumn {
                            table.rows[1][index] = changed(table.rows[1][index].text, field)
                        }
                    }
                    if let dateColumn = columns.firstIndex(where: { if case .date = $0.kind { return true }; return false }) {
                        table.rows[2][dateColumn] = .text("2025-02-30")
                    } else if let choiceColumn = columns.firstIndex(where: { switch $0.kind { case .choice, .choices: return true; default: return false } }) {
                        table.rows[2][choiceColumn] = .text("不存在的选项")
                    } else if let noteColumn = columns.firstIndex(where: { if case .note = $0.kind { return true }; return false }), case .note(let max) = columns[noteColumn].kind {
                        table.rows[2][noteColumn] = .text(String(repeating: "长", count: max + 1))
                    } else {
                        XCTFail("\(declaration.key): give the bad-row test a field to break")
                    }
                    let (_, refused) = try await driver.viaPage(declaration.key, fileName: "坏.csv", data: CSVFormat.write(table))
                    XCTAssertEqual(refused["status"] as? String, "failed", "\(refused)")
                    XCTAssertEqual(ImportDriver.errors(refused).first?.row, 3, "\(declaration.key): \(ImportDriver.errors(refused))")
                    let unchanged = try await RegisterStore.load(declaration, ids: ids, on: app.db)
                    XCTAssertEqual(unchanged, before, "nothing of a refused file is written")
                }
            }
        }
    }

    func testEveryRegisterIsInTheOpenAPIDocumentAndSortsNamesInPinyinOrder() async throws {
        try await withApp { app, fixtures in
            let document = try parseJSONObject(try await APIClient(app: app, token: nil).send(.GET, "/api/v1/openapi.json"))
            let paths = try XCTUnwrap(document["paths"] as? [String: Any])
            for declaration in Registers.declared {
                let office = try await APIClient.forRole(RegisterSamples.writer(declaration), app: app, fixtures: fixtures)
                let targets = try await RegisterSamples.targets(declaration, app: app, unit: fixtures.team)
                for path in [declaration.apiPath, declaration.apiPath + "/{id}", declaration.apiPath + "/{id}/deactivate"] {
                    XCTAssertNotNil(paths[path], path)
                }
                for (n, name) in ["张家港样例", "安徽样例", "北京样例"].enumerated() {
                    var texts = RegisterSamples.texts(declaration, n: n + 5, unit: fixtures.team, targets: targets, source: .json)
                    texts[declaration.nameField] = name
                    let created = try await office.send(.POST, declaration.apiPath, json: RegisterSamples.json(declaration, texts))
                    XCTAssertEqual(created.status, .created, created.text)
                }
                let sorted = try parseJSONObject(try await office.send(.GET, declaration.apiPath + "?sort=name"))
                // The register's other records (the fixtures' units) aside.
                let names = (sorted["items"] as? [[String: Any]] ?? []).compactMap { $0[declaration.nameField] as? String }.filter { $0.hasSuffix("样例") }
                XCTAssertEqual(names, ["安徽样例", "北京样例", "张家港样例"], declaration.key)
            }
        }
    }

    func testTheUnitRoleWritesOnlyWhatItsSubtreeOwns() async throws {
        for declaration in Registers.declared {
            guard case .unitField(let owner) = declaration.ownership else { continue }
            try await withApp { app, fixtures in
                let team = try await APIClient.forRole(.unit, app: app, fixtures: fixtures)
                let targets = try await RegisterSamples.targets(declaration, app: app, unit: fixtures.team)
                var texts = RegisterSamples.texts(declaration, n: 1, unit: fixtures.otherTeam, targets: targets, source: .json)
                guard declaration.policy.write.contains(.unit) else {
                    // The office's register (the cluster registry): the unit role writes none of it, even its own unit's.
                    texts[owner] = "\(fixtures.team)"
                    try await AssertAsync.equal(try await team.send(.POST, declaration.apiPath, json: RegisterSamples.json(declaration, texts)).status, .forbidden)
                    let own = try await RegisterStore.insert(declaration, RegisterSamples.values(declaration, n: 2, unit: fixtures.team, targets: targets), now: app.clock.now(), on: app.db)
                    try await AssertAsync.equal(try await team.send(.PATCH, declaration.apiPath(own), json: "{\"\(declaration.nameField)\":\"越权\"}").status, .forbidden)
                    try await AssertAsync.equal(try await team.send(.GET, declaration.apiPath(own)).status, .ok, "reading is everyone's")
                    return
                }
                let refused = try await team.send(.POST, declaration.apiPath, json: RegisterSamples.json(declaration, texts))
                XCTAssertEqual(refused.status, .unprocessableEntity)
                XCTAssertEqual(try apiErrorObject(refused)["field"] as? String, owner)
                texts[owner] = "\(fixtures.team)"
                try await AssertAsync.equal(try await team.send(.POST, declaration.apiPath, json: RegisterSamples.json(declaration, texts)).status, .created)
                let foreign = try await RegisterStore.insert(declaration, RegisterSamples.values(declaration, n: 2, unit: fixtures.otherTeam, targets: targets), now: app.clock.now(), on: app.db)
                try await AssertAsync.equal(try await team.send(.PATCH, declaration.apiPath(foreign), json: "{\"\(declaration.nameField)\":\"越权\"}").status, .forbidden)
                try await AssertAsync.equal(try await team.send(.POST, declaration.apiPath(foreign) + "/deactivate").status, .forbidden)
                try await AssertAsync.equal(try await team.send(.GET, declaration.apiPath(foreign)).status, .ok, "reading is everyone's")
            }
        }
    }
}
