import Foundation
import GaoxinDomain
import Plot
import SQLKit
import Vapor

/// The pages anyone may open without signing in (SPEC §2.6, seed 002): 云选址 — the spaces on offer,
/// current and available, with their park's public contact — and the open application scenarios
/// (揭榜挂帅) with the form an enterprise applies through. They show only what is meant to be
/// public (no owner, no notes, no internal numbers beyond a space's code), are throttled per
/// address (`PublicRateLimit`), and the form resists scripts (`PublicFormStamp`).
enum PublicPages {
    static let spacesPath = "/public/spaces"
    static let scenariosPath = "/public/scenarios"
    static let perPage = 20
    /// The most the public list counts and pages through (50 pages).
    static let countCap = 1_000

    static var routes: [RouteSpec] {
        var applyRoute = RouteSpec(.POST, scenariosPath + "/:id/apply", .publicRoute, Self.apply)
        applyRoute.checksOwnForm = true
        return [
            RouteSpec(.GET, spacesPath, .publicRoute, spaces),
            RouteSpec(.GET, scenariosPath, .publicRoute, scenarios),
            RouteSpec(.GET, scenariosPath + "/:id", .publicRoute, scenario),
            applyRoute,
        ]
    }

    static func today(_ req: Request) -> String { DisplayFormat.day(req.now) }

    // MARK: 云选址

    struct SpaceFilter {
        var kind: SpaceKind?
        var areaMin: Int64?
        var areaMax: Int64?
        var page = 1
        var errors: [FieldError] = []

        init(_ req: Request) {
            if let raw = req.query[String.self, at: "kind"], !raw.isEmpty {
                if let kind = SpaceKind(rawValue: raw) { self.kind = kind } else { errors.append(.invalid("kind", zh: "空间类型不存在", en: "Unknown kind")) }
            }
            func area(_ key: String) -> Int64? {
                guard let raw = req.query[String.self, at: key]?.withoutThousandsCommas, !raw.isEmpty else { return nil }
                guard let value = Int64(raw), value >= 0, value <= 100_000_000 else {
                    errors.append(.invalid(key, zh: "面积应为不小于 0 的整数（平方米）", en: "Area must be a whole number of m²")); return nil
                }
                return value
            }
            areaMin = area("areaMin")
            areaMax = area("areaMax")
            if let raw = req.query[String.self, at: "page"], let page = Int(raw), (1...(PublicPages.countCap / PublicPages.perPage)).contains(page) { self.page = page }
        }
    }

    struct SpaceRow {
        let code: String
        let name: String
        let kind: SpaceKind
        let area: Int64
        let floorLoad: Int64?
        let clearHeight: Int64?
        let power: Int64?
        let rent: Int64?
        let salePrice: Int64?
        let availableFrom: String?
        let parkName: String
        let parkLevel: ParkLevel
        let contact: String?
    }

    @Sendable static func spaces(_ req: Request) async throws -> Response {
        try await PublicRateLimit.hit(.browse, req)
        let filter = SpaceFilter(req)
        // Bare `s.active`: the partial indexes (`WHERE active`) serve only a query that says it so.
        var conditions: SQLQueryString = """
            s.active AND p.active AND s.status = 'available' AND s.confirmed_until >= \(bind: today(req))
            """
        if filter.errors.isEmpty {
            if let kind = filter.kind { conditions.appendInterpolation(SQLQueryString(" AND s.kind = \(bind: kind.rawValue)")) }
            if let min = filter.areaMin { conditions.appendInterpolation(SQLQueryString(" AND s.area >= \(bind: min)")) }
            if let max = filter.areaMax { conditions.appendInterpolation(SQLQueryString(" AND s.area <= \(bind: max)")) }
        }
        // Counted up to a cap: a visitor narrows a province's 100,000 spaces with the filters, not by paging.
        let total = try await req.sql.raw("""
            SELECT COUNT(*) AS n FROM (SELECT 1 FROM spaces s JOIN parks p ON p.id = s.park_id WHERE \(conditions) LIMIT \(bind: countCap + 1)) counted
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await req.sql.raw("""
            SELECT s.code, s.name, s.kind, s.area, s.floor_load, s.clear_height, s.power_capacity, s.rent, s.sale_price, s.available_from,
                   p.name AS park_name, p.level, p.public_contact
            FROM spaces s JOIN parks p ON p.id = s.park_id WHERE \(conditions)
            ORDER BY s.area, s.id LIMIT \(bind: perPage) OFFSET \(bind: (filter.page - 1) * perPage)
            """).all().map { row in
            SpaceRow(code: try row.decode(column: "code", as: String.self), name: try row.decode(column: "name", as: String.self),
                     kind: SpaceKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .factory, area: try row.decode(column: "area", as: Int64.self),
                     floorLoad: try row.decode(column: "floor_load", as: Int64?.self), clearHeight: try row.decode(column: "clear_height", as: Int64?.self),
                     power: try row.decode(column: "power_capacity", as: Int64?.self), rent: try row.decode(column: "rent", as: Int64?.self),
                     salePrice: try row.decode(column: "sale_price", as: Int64?.self), availableFrom: try row.decode(column: "available_from", as: String?.self),
                     parkName: try row.decode(column: "park_name", as: String.self), parkLevel: ParkLevel(rawValue: try row.decode(column: "level", as: String.self)) ?? .none,
                     contact: try row.decode(column: "public_contact", as: String?.self))
        }
        let (context, _) = try await req.pageContext(needsSession: false)
        return Response.html(PublicView.spaces(context, filter: filter, rows: rows, total: total, query: req.url.query), req: req)
    }

    // MARK: 应用场景

    struct ScenarioRow {
        let id: Int
        let code: String
        let title: String
        let unit: String
        let cluster: String?
        let need: String
        let budget: Int64?
        let deadline: String
        let contact: String?
    }

    static func openScenarios(id: Int?, _ req: Request) async throws -> [ScenarioRow] {
        var query: SQLQueryString = """
            SELECT s.id, s.code, s.title, u.name AS unit_name, c.name AS cluster_name, s.need, s.budget, s.deadline, s.public_contact
            FROM scenarios s JOIN units u ON u.id = s.owning_unit_id LEFT JOIN clusters c ON c.id = s.cluster_id
            WHERE s.active AND s.status = 'open' AND s.deadline >= \(bind: today(req)) AND (s.published_on IS NULL OR s.published_on <= \(bind: today(req)))
            """
        if let id { query.appendInterpolation(SQLQueryString(" AND s.id = \(bind: id)")) }
        query.appendLiteral(" ORDER BY s.deadline, s.id LIMIT 200")
        return try await req.sql.raw(query).all().map { row in
            ScenarioRow(id: try row.decode(column: "id", as: Int.self), code: try row.decode(column: "code", as: String.self),
                        title: try row.decode(column: "title", as: String.self), unit: try row.decode(column: "unit_name", as: String.self),
                        cluster: try row.decode(column: "cluster_name", as: String?.self), need: try row.decode(column: "need", as: String.self),
                        budget: try row.decode(column: "budget", as: Int64?.self), deadline: try row.decode(column: "deadline", as: String.self),
                        contact: try row.decode(column: "public_contact", as: String?.self))
        }
    }

    @Sendable static func scenarios(_ req: Request) async throws -> Response {
        try await PublicRateLimit.hit(.browse, req)
        let rows = try await openScenarios(id: nil, req)
        let (context, _) = try await req.pageContext(needsSession: false)
        return Response.html(PublicView.scenarios(context, rows), req: req)
    }

    /// The scenario and its form. The form needs a session for its CSRF token and stamp, as the sign-in form does.
    @Sendable static func scenario(_ req: Request) async throws -> Response {
        try await PublicRateLimit.hit(.browse, req)
        guard let id = req.parameters.get("id", as: Int.self), let row = try await openScenarios(id: id, req).first else {
            throw AppError.notFound("该应用场景（或已截止）")
        }
        let applied = req.query[String.self, at: "applied"].flatMap { $0.count <= 40 && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } ? $0 : nil }
        return try await draw(req, row, form: [:], errors: [], applied: applied)
    }

    static func draw(_ req: Request, _ row: ScenarioRow, form: [String: String], errors: [FieldError], applied: String?,
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        let (context, cookie) = try await req.pageContext()
        let key = try await PublicFormStamp.key(session: req.browserSession?.id ?? "", on: req.sql)
        let stamp = PublicFormStamp.make(scope: "apply:\(row.id)", at: req.now, key: key)
        return Response.html(PublicView.scenario(context, row, form: form, errors: errors, stamp: stamp, applied: applied),
                             status: status, sessionCookie: cookie, req: req)
    }

    static let formKeys = ["companyName", "creditCode", "contactName", "contactPhone", "email", "proposal"]

    /// An application from the public form: throttled, stamped, honeypotted, then checked and written
    /// as the register writes any record — all or nothing, audited as a public application.
    @Sendable static func apply(_ req: Request) async throws -> Response {
        try await PublicRateLimit.hit(.apply, req)
        guard let id = req.parameters.get("id", as: Int.self) else { throw AppError.notFound("该应用场景") }
        let posted = (try? req.content.decode([String: String].self)) ?? [:]
        var form: [String: String] = [:]
        for key in formKeys { form[key] = posted[key] }
        guard let row = try await openScenarios(id: id, req).first else {
            // Closed since the form was drawn, or never open: say so, write nothing.
            // Named only if it was ever published: a draft's title stays the unit's.
            let title = try await req.sql.raw("SELECT title FROM scenarios WHERE id = \(bind: id) AND active AND status <> 'draft'").first()?
                .decode(column: "title", as: String.self)
            guard let title else { throw AppError.notFound("该应用场景") }
            throw AppError.conflict("应用场景“\(title)”已截止或未在征集中，不接受申请")
        }
        if !(posted[PublicFormStamp.honeypot] ?? "").isEmpty {
            return try await draw(req, row, form: form, errors: [.invalid("form", zh: "提交未通过校验，请刷新页面后重新填写", en: "The form did not pass; reload and fill it in again")],
                                  applied: nil, status: .unprocessableEntity)
        }
        // The session's own token must come back (a page elsewhere cannot know it); a session that
        // lapsed while the visitor wrote is a stale form, drawn again with what they typed.
        let token = req.browserSession?.csrfToken
        let tokenBack = token.map { SecretToken.constantTimeEquals(posted[CSRFField.name] ?? "", $0) } ?? false
        let key = try await PublicFormStamp.key(session: req.browserSession?.id ?? "", on: req.sql)
        switch token == nil ? .stale : (tokenBack ? PublicFormStamp.check(posted["stamp"] ?? "", scope: "apply:\(row.id)", now: req.now, key: key) : .forged) {
        case .forged?, .stale?:
            return try await draw(req, row, form: form, errors: [.invalid("form", zh: "表单已过期，请核对内容后重新提交", en: "The form expired; check it and submit again")],
                                  applied: nil, status: .unprocessableEntity)
        case .tooFast?:
            return try await draw(req, row, form: form, errors: [.invalid("form", zh: "提交过快，请核对内容后再提交", en: "Submitted too fast; check and submit again")],
                                  applied: nil, status: .unprocessableEntity)
        case nil: break
        }
        do {
            let code = try await ScenarioApplicationIntake.write(scenarioID: row.id, form: form, req)
            return .redirect(scenariosPath + "/\(row.id)?applied=\(code)")
        } catch let failed as ValidationFailed {
            return try await draw(req, row, form: form, errors: failed.errors, applied: nil, status: .unprocessableEntity)
        }
    }
}
