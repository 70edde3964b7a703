import Fluent
import SQLKit
import Vapor

/// Routes that belong to no feature: dashboard, health, assets, language, the OpenAPI document.
enum SystemRoutes {
    static var all: [RouteSpec] {
        [
            RouteSpec(.GET, "/", .read(Policies.ownAccount)) { req in
                let actor = try req.requireActor()
                let units = try await OrgUnit.query(on: req.db).filter(\.$active == true).count()
                let users = try await User.query(on: req.db).filter(\.$active == true).count()
                let locked = try await User.query(on: req.db).filter(\.$lockedUntil > req.now).count()
                var recent: [AuditQueries.Row] = []
                if actor.hasAny(Policies.audit.read) {
                    recent = try await ListRunner.page(AuditQueries.list, ListQuery(per: 10, sortKey: "id", descending: true), on: req.sql, as: AuditQueries.Row.self).items
                }
                var programme: HomeView.Programme?
                if actor.hasAny(Policies.enterprises.read) {
                    programme = try await HomeView.Programme.load(now: req.now, on: req.db)
                }
                let myWork = MyWork.sources(for: actor.roles).isEmpty ? nil : try await MyWork.load(for: actor, today: DisplayFormat.day(req.now), on: req.sql)
                let dashboard = try await Dashboard.load(for: actor, now: req.now, staleLeadDays: req.application.gaoxinConfig.staleLeadDays, on: req.db)
                let model = HomeView.Model(unitCount: units, userCount: users, lockedCount: locked, recentAudit: recent, programme: programme, myWork: myWork,
                                           dashboard: dashboard)
                return try await req.renderPage { HomeView.render($0, model) }
            },
            RouteSpec(.GET, "/api/v1/my-work", .read(Policies.ownAccount),
                      doc: APIOperation(operationID: "getMyWork", summary: "我的待办：本单位及下级单位逾期和即将到期的事项（问题、项目节点、线索下一步、服务事项、证书）", tag: "工作台",
                                        response: MyWork.self)) { req in
                try .json(try await MyWork.load(for: try req.requireActor(), today: DisplayFormat.day(req.now), on: req.sql))
            },
            RouteSpec(.GET, "/healthz", .publicRoute) { req in
                _ = try await req.sql.raw("SELECT 1 AS ok").first()
                return try .json(["status": "ok"])
            },
            RouteSpec(.GET, "/metrics", .read(Policies.operations)) { req in
                let rows = try await req.sql.raw("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status").all()
                OperatorMetrics.jobs(Dictionary(uniqueKeysWithValues: try rows.map {
                    (try $0.decode(column: "status", as: String.self), try $0.decode(column: "n", as: Int.self))
                }))
                let response = Response(status: .ok)
                response.headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
                response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
                response.body = .init(string: OperatorMetrics.text())
                return response
            },
            RouteSpec(.GET, "/assets/app.css", .publicRoute) { _ in
                asset(Stylesheet.css, type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]))
            },
            RouteSpec(.GET, "/assets/app.js", .publicRoute) { _ in
                asset(Script.js, type: HTTPMediaType(type: "application", subType: "javascript", parameters: ["charset": "utf-8"]))
            },
            RouteSpec(.GET, "/language", .publicRoute) { req in
                let lang = UILanguage(rawValue: req.query[String.self, at: "set"] ?? "") ?? .zh
                let response = Response.redirect(AccountPages.safeNext(req.query[String.self, at: "next"]))
                response.cookies[UILanguage.cookieName] = HTTPCookies.Value(string: lang.rawValue, maxAge: 31_536_000, path: "/", isHTTPOnly: true, sameSite: .lax)
                return response
            },
            RouteSpec(.GET, "/api/v1/openapi.json", .publicRoute) { _ in
                let response = Response(status: .ok)
                response.headers.contentType = .json
                response.body = .init(data: try OpenAPIDocument.json())
                return response
            },
        ]
    }

    static func asset(_ text: String, type: HTTPMediaType) -> Response {
        let response = Response(status: .ok)
        response.headers.contentType = type
        response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
        response.body = .init(string: text)
        return response
    }
}

extension ListQuery {
    init(per: Int, sortKey: String, descending: Bool) {
        self.init(sortKey: sortKey, descending: descending)
        self.per = per
    }
}
