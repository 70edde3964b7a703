import SQLKit
import Vapor

/// The registers' routes: the index of every declared register, then each register's own routes.
extension RegisterRoutes {
    static var all: [RouteSpec] {
        [RouteSpec(.GET, Site.registers, .read(Policies.programme), overview)] + Registers.all.flatMap { routes($0) }
    }

    /// 登记册: every declared register in `Registers.all` order with its count of active records
    /// (one COUNT per register; there are about ten).
    @Sendable static func overview(_ req: Request) async throws -> Response {
        var rows: [RegisterOverviewView.Row] = []
        for declaration in Registers.all {
            let active = try await req.sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: declaration.table) WHERE active = \(bind: true)")
                .first(decodingColumn: "n", as: Int.self) ?? 0
            rows.append(.init(declaration: declaration, active: active))
        }
        let model = RegisterOverviewView.Model(rows: rows)
        return try await req.renderPage { RegisterOverviewView.render($0, model) }
    }
}
