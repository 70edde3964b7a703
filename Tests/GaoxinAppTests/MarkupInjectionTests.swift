import Fluent
import GaoxinDomain
@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// Names, codes and query parameters are data, never markup. Every record a page can show is
/// given a name that closes an attribute and opens a tag; then every HTML page of the app is
/// requested (with the same text in its query string) and none may contain an attribute or a tag
/// the text smuggled in. Plot escapes text nodes but not attribute values, so this is the net
/// under `escapedForAttribute`.
final class MarkupInjectionTests: XCTestCase {
    static let hostile = #"甲" data-xss="1 <i data-xss="2">乙"#

    /// A `data-xss` attribute inside a real tag: `<` is escaped in text, so any match here is markup.
    static func injected(_ html: String) -> String? {
        guard let range = html.range(of: #"<[^<>]*\sdata-xss=""#, options: .regularExpression) else { return nil }
        return String(html[range])
    }

    func testTheDetectorSeesAnInjectedAttributeAndNotEscapedText() {
        XCTAssertNotNil(Self.injected(#"<input value="甲" data-xss="1">"#))
        XCTAssertNotNil(Self.injected(#"<td><i data-xss="2">乙</i></td>"#))
        XCTAssertNil(Self.injected(#"<input value="甲&quot; data-xss=&quot;1"><td>甲" data-xss="1 &lt;i data-xss="2"&gt;</td>"#))
    }

    /// The app's text nodes (`HTMLEscaping`, in place of Plot's) escape `<`, `>` and every `&`:
    /// a name typed with “&amp;” shows as typed, not as “&”.
    func testTextNodesEscapeMarkupAndEveryAmpersand() {
        // Rendered by the app's own helpers, whose `.text` is the app's.
        XCTAssertEqual(ListView.link("甲<b data-x=\"1\">&amp;乙</b>", "/units").render(), "<a href=\"/units\">甲&lt;b data-x=\"1\"&gt;&amp;amp;乙&lt;/b&gt;</a>")
        XCTAssertEqual(FormField.option("7", "无锡高新区 R&D 中心", selected: false).render(), "<option value=\"7\">无锡高新区 R&amp;D 中心</option>")
        XCTAssertEqual(ListView.link("江苏省无锡市新吴区集成电路设计有限公司", "/e").render(), "<a href=\"/e\">江苏省无锡市新吴区集成电路设计有限公司</a>")
    }

    /// A quote followed by a combining mark is one `Character` that is not a quote, yet the
    /// browser ends the attribute at it: escaping goes by Unicode scalar.
    func testAQuoteWithACombiningMarkIsEscapedInAnAttribute() {
        let hostile = "甲\"\u{301} data-xss=\"1"
        XCTAssertEqual(hostile.escapedForAttribute, "甲&quot;\u{301} data-xss=&quot;1")
        XCTAssertNil(Self.injected(FormField.option(hostile, "乙", selected: false).render()))
        XCTAssertEqual("<\u{301}b>&amp;".escapedForText, "&lt;\u{301}b&gt;&amp;amp;")
    }

    /// Pages, API answers and error pages alike refuse framing and content sniffing.
    func testEveryResponseCarriesTheSecurityHeaders() async throws {
        try await withApp { app, _ in
            let browser = try await Browser.signedIn(app, as: .admin)
            for path in [Site.units, "/api/v1/openapi.json", "/no-such-page", Site.signIn] {
                let response = try await browser.get(path)
                XCTAssertEqual(response.headers.first(name: "X-Frame-Options"), "DENY", path)
                XCTAssertEqual(response.headers.first(name: "X-Content-Type-Options"), "nosniff", path)
                let policy = try XCTUnwrap(response.headers.first(name: "Content-Security-Policy"), path)
                XCTAssertTrue(policy.contains("frame-ancestors 'none'"), policy)
                XCTAssertTrue(policy.contains("script-src 'self'"), policy)
            }
        }
    }

    /// The text a register's hostile record carries in its text fields: its key, then the hostile text.
    static func hostileText(_ declaration: RegisterDeclaration) -> String { declaration.key + hostile }

    /// One record of every declared register: text, code and note fields carry the hostile text,
    /// references point at the sweep's hostile unit, enterprise and cluster (or at another
    /// register's hostile record), the other fields hold sample values. A register whose required
    /// reference names a register declared later is inserted after it.
    static func hostileRecords(_ app: Application, unit: Int, enterprise: Int, cluster: Int, node: Int) async throws -> [String: Int] {
        var targets = ["units": unit, "enterprises": enterprise, "clusters": cluster, RegisterTarget.chainNode.table: node]
        var records: [String: Int] = [:]
        var pending = Registers.declared
        while !pending.isEmpty {
            let ready = pending.filter { declaration in
                declaration.fields.allSatisfy { field in !field.required || field.kind.target.map { targets[$0.table] != nil } ?? true }
            }
            guard !ready.isEmpty else {
                XCTFail("no target for the required references of \(pending.map(\.key)): add one to the sweep")
                return records
            }
            for declaration in ready {
                var values = RegisterSamples.values(declaration, n: 1, unit: unit)
                for field in declaration.fields {
                    switch field.kind {
                    case .text, .code, .note: values[field.key] = .text(hostileText(declaration))
                    case .reference(let target): values[field.key] = targets[target.table].map { .integer(Int64($0)) }
                    case .references(let target): values[field.key] = targets[target.table].map { .ids([$0]) }
                    default: break
                    }
                }
                let id = try await RegisterStore.insert(declaration, values, now: app.clock.now(), on: app.db)
                records[declaration.key] = id
                targets[declaration.table] = id
            }
            pending.removeAll { declaration in ready.contains { $0.key == declaration.key } }
        }
        return records
    }

    func testHostileNamesNeverBecomeMarkup() async throws {
        try await withApp { app, fixtures in
            let admin = try await APIClient.forRole(.admin, app: app, fixtures: fixtures)
            let name = Self.hostile
            func created(_ response: XCTHTTPResponse, _ what: String) throws -> Int {
                XCTAssertEqual(response.status, .created, "\(what): \(response.text)")
                return try XCTUnwrap(try admin.object(response)["id"] as? Int, what)
            }
            let unit = try created(try await admin.send(.POST, Site.API.units, body: ["name": name, "kind": "department", "parentId": fixtures.zone, "note": name]), "unit")
            let user = try created(try await admin.send(.POST, Site.API.users, body: [
                "username": "xss-user", "displayName": name, "unitId": unit, "roles": ["leader"], "password": "Quite-Long-Passw0rd"]), "user")
            let enterprise = try await admin.createEnterprise(name, code: USCC.numbered(7301), unit: fixtures.team)
            let cluster = try created(try await admin.send(.POST, Site.API.clusters, body: [
                "name": name, "category": "emerging", "leadUnitId": fixtures.team, "liaisonLeader": name, "note": name]), "cluster")
            let chain = try created(try await admin.send(.POST, "/api/v1/clusters/\(cluster)/chains", body: ["name": name, "note": name]), "chain")
            let node = try created(try await admin.send(.POST, "/api/v1/chains/\(chain)/nodes", body: [
                "segment": "upstream", "name": name, "industryCodes": ["3976"], "products": name]), "chain node")
            let attached = try await admin.send(.PUT, "/api/v1/chain-nodes/\(node)/enterprises/\(enterprise)", json: "{}")
            XCTAssertLessThan(attached.status.code, 300, attached.text)
            let structure = try created(try await admin.send(.POST, Site.API.clusterStructures, body: [
                "name": name, "note": name, "groups": [["name": name, "clusterIds": [cluster]]]]), "cluster structure")
            let checklistEntry = try await admin.send(.PUT, Site.API.cluster(cluster) + "/checklist/3", body: ["status": "in_progress", "note": name])
            XCTAssertEqual(checklistEntry.status, .ok, checklistEntry.text)

            // A complexity dataset whose locations and products carry the text (an upload accepts any code).
            let dataset = ComplexityDataset()
            dataset.name = name
            dataset.measure = "revenue"
            dataset.rowCount = 6
            dataset.years = "2024"
            dataset.createdAt = app.clock.now()
            try await dataset.create(on: app.db)
            for (loc, prod, val) in [(name, "01", 3.0), (name, name, 1.0), ("B", "01", 1.0), ("B", name, 4.0), ("C", "01", 2.0), ("C", "02", 2.0)] {
                try await (app.db as! any SQLDatabase).insert(into: "complexity_observations").columns("dataset_id", "year", "loc", "prod", "val")
                    .values(SQLBind(dataset.id!), SQLBind("2024"), SQLBind(loc), SQLBind(prod), SQLBind(val)).run()
            }
            let job = try await JobRunner.create(kind: "import:units", createdBy: fixtures.users[.admin]!, input: nil, inputName: name, on: app.db, now: app.clock.now())
            // A record of every declared register whose text carries the hostile text (led by the
            // register's key, so its own pages can be told from the hostile unit's name beside it).
            let records = try await Self.hostileRecords(app, unit: unit, enterprise: enterprise, cluster: cluster, node: node)
            // The public pages show the hostile scenario and space only while they are on offer.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE scenarios SET status = 'open', deadline = '2099-12-31' WHERE id = \(bind: records["scenarios"]!)").run()
            try await sql.raw("UPDATE spaces SET status = 'available' WHERE id = \(bind: records["spaces"]!)").run()
            let latestEntry = try await AuditEntry.query(on: app.db).sort(\.$id, .descending).first()
            let entry = try XCTUnwrap(latestEntry?.id)

            let registerFilters = Registers.declared.flatMap { RegisterList.definition($0).filters.map(\.key) }
            let parameters = ["q", "next", "location", "year", "weights", "chain", "sort", "kind", "from", "to", "unit", "under", "error", "notice"]
            var keys = parameters
            for key in registerFilters where !keys.contains(key) { keys.append(key) }
            let query = "?" + keys.map { "\($0)=" + Browser.encode(name) }.joined(separator: "&")
            func concrete(_ path: String) -> String {
                guard path.contains(":id") else { return path }
                let id: Int
                if let declaration = Registers.declared.first(where: { path.hasPrefix($0.path + "/") }) { id = records[declaration.key] ?? 0 }
                else if path.hasPrefix(PublicPages.scenariosPath + "/") { id = records["scenarios"] ?? 0 }
                else if path.contains("/complexity/") { id = dataset.id! }
                else if path.contains("/chain-nodes/") { id = node }
                else if path.contains("/chains/") { id = chain }
                else if path.contains("/clusters/") { id = cluster }
                else if path.contains("/cluster-structures/") { id = structure }
                else if path.contains("/enterprises/") { id = enterprise }
                else if path.contains("/units/") { id = unit }
                else if path.contains("/users/") { id = user }
                else if path.contains("/audit/") { id = entry }
                else if path.contains("/jobs/") { id = job.id! }
                else { XCTFail("the sweep has no record for \(path)"); id = 0 }
                return path.replacingOccurrences(of: ":id", with: "\(id)").replacingOccurrences(of: ":enterpriseId", with: "\(enterprise)")
                    .replacingOccurrences(of: ":itemId", with: "3")
            }
            let pages = AppRoutes.all.filter {
                $0.method == .GET && !$0.isAPI && !$0.path.hasPrefix("/assets") && !$0.path.contains("export")
                    && !$0.path.contains("template") && !$0.path.hasSuffix("/errors") && !$0.path.hasSuffix("/data") && $0.path != "/language" && $0.path != "/healthz"
            }
            XCTAssertGreaterThan(pages.count, 20, "the sweep reaches the app's pages")
            let adminBrowser = try await Browser.signedIn(app, as: .admin)
            let auditor = try await Browser.signedIn(app, as: .auditor)
            let anonymous = try await Browser.anonymous(app)
            var rendered = 0
            for route in pages {
                let path = concrete(route.path)
                let browser = route.path.hasPrefix("/audit") ? auditor : (route.path == "/sign-in" ? anonymous : adminBrowser)
                for url in [path, path + query] {
                    let response = try await browser.get(url)
                    XCTAssertLessThan(response.status.code, 500, "\(url): \(response.text.prefix(300))")
                    if let found = Self.injected(response.text) { XCTFail("\(route.name) (\(url.prefix(60))) renders markup from data: \(found)") }
                    if response.status == .ok { rendered += 1 }
                }
            }
            XCTAssertGreaterThan(rendered, pages.count, "most pages rendered")
            // Every register's list, record page, edit form and export show its hostile record.
            for declaration in Registers.declared {
                let id = try XCTUnwrap(records[declaration.key], declaration.key)
                let marker = String(Self.hostileText(declaration).prefix(declaration.key.count + 1))
                for path in [declaration.path, declaration.path(id), declaration.path(id) + "/edit"] {
                    let response = try await adminBrowser.get(path)
                    XCTAssertEqual(response.status, .ok, "\(path): \(response.text.prefix(300))")
                    XCTAssertTrue(response.text.contains(marker), "\(path) shows the hostile record")
                    if let found = Self.injected(response.text) { XCTFail("\(path) renders markup from data: \(found)") }
                }
                let csv = try await adminBrowser.get(declaration.path + "/export?format=csv")
                XCTAssertEqual(csv.status, .ok, declaration.key)
                XCTAssertTrue(csv.text.contains(marker), "\(declaration.key): the export carries the hostile text")
                try await AssertAsync.equal(try await adminBrowser.get(declaration.path + "/export?format=xlsx").status, .ok)
            }
            // The gaps list shows the hostile node (weak: the default threshold is 3 enterprises), found by its name.
            let gaps = try await adminBrowser.get(Site.chainGaps + "?q=" + Browser.encode(name))
            XCTAssertEqual(gaps.status, .ok)
            XCTAssertTrue(gaps.text.contains("共 1 条"), "the sweep's gaps page lists the hostile node")
            if let found = Self.injected(gaps.text) { XCTFail("the gaps list renders markup from data: \(found)") }
            // The recommendation page lists the hostile location as an option, escaped.
            let recommendations = try await adminBrowser.get(Site.complexityDataset(dataset.id!) + "?location=B")
            XCTAssertEqual(recommendations.status, .ok)
            XCTAssertTrue(recommendations.text.contains("甲&quot; data-xss=&quot;1"), "the location appears, escaped, as an option value")
        }
    }
}
