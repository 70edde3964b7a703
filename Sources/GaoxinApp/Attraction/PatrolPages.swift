import GaoxinDomain
import Plot
import SQLKit
import Vapor

/// The patrol page's section (seed 004's 日常跟踪 / 月度巡查 / 季度督查): each project visited, with
/// the way a finding becomes an obstacle — the new-obstacle form prefilled with this patrol, the
/// project and the project's responsible unit — and how many obstacles it already opened there.
enum PatrolPages {
    static let sectionName = "patrol-findings"

    @Sendable static func section(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        guard case .ids(let projectIDs)? = record.values["projectIds"], !projectIDs.isEmpty else {
            return { context in .section(.class(sectionName), .h2(.text(context.t("巡查发现", "Findings"))),
                                         .p(.class("muted"), .text(context.t("这次巡查没有登记巡查项目。", "No project was recorded for this patrol.")))) }
        }
        let rows = try await req.sql.raw("""
            SELECT p.id, p.name, p.owning_unit_id,
            (SELECT COUNT(*) FROM obstacles o WHERE o.patrol_id = \(bind: record.id) AND o.project_id = p.id AND o.active = \(bind: true)) AS opened
            FROM projects p WHERE p.id IN (\(binds: projectIDs))
            """).all()
        struct Visited { let id: Int; let name: String; let unit: Int; let opened: Int }
        let byID = Dictionary(try rows.map { row in
            (try row.decode(column: "id", as: Int.self),
             Visited(id: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                     unit: try row.decode(column: "owning_unit_id", as: Int.self), opened: try row.decode(column: "opened", as: Int.self)))
        }, uniquingKeysWith: { first, _ in first })
        let visited = projectIDs.compactMap { byID[$0] }
        let mayOpen = req.actor.map { RegisterWrites.mayCreate(.obstacles, actor: $0) } ?? false
        let obstacles = RegisterDeclaration.obstacles
        return { context in
            .section(.class(sectionName),
                .h2(.text(context.t("巡查发现", "Findings"))),
                .table(
                    .thead(.tr(.th(.text(context.t("巡查项目", "Project"))), .th(.text(context.t("已登记问题", "Obstacles opened"))), .th(.text("")))),
                    .tbody(.forEach(visited) { project in
                        .tr(
                            .td(.a(.href(RegisterDeclaration.projects.path(project.id)), .text(project.name))),
                            .td(.class("number"), project.opened > 0
                                ? .a(.href(obstacles.path + "?patrolId=\(record.id)&projectId=\(project.id)"), .text("\(project.opened)"))
                                : .text("0")),
                            .td(.if(mayOpen && record.active, .a(.class("button"), .href(obstacles.newPath(prefill: [
                                "patrolId": String(record.id), "projectId": String(project.id), "owningUnitId": String(project.unit),
                            ])), .text(context.t("登记发现的问题", "Open an obstacle")))))
                        )
                    })
                )
            )
        }
    }
}
