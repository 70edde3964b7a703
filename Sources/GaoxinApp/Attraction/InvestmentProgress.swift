import Foundation
import OpenAPIKit30
import GaoxinDomain
import SQLKit
import Vapor

/// 年度投资完成情况: the year's planned and completed investment (万元) of the active projects, in
/// total and by responsible unit, cluster and level, with the completion rate (completed ÷ plan)
/// and the pace against the months due (`InvestmentCompletion.monthsDue`): below the plan's share
/// for those months yellow, below 80 % of it red. Grouped sums over `project_investments` of one
/// year, joined to their projects.
struct InvestmentProgress: Content, APISchema {
    struct Group: Content, Equatable {
        var key: String
        var name: String
        var projects: Int
        var planned: Int64
        var completed: Int64
        var percent: Int64?
        var pace: String

        enum CodingKeys: String, CodingKey { case key, name, projects, planned, completed, percent, pace }

        /// `percent` is written as null without a plan (the document says required, nullable).
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(key, forKey: .key)
            try container.encode(name, forKey: .name)
            try container.encode(projects, forKey: .projects)
            try container.encode(planned, forKey: .planned)
            try container.encode(completed, forKey: .completed)
            try container.encode(percent, forKey: .percent)
            try container.encode(pace, forKey: .pace)
        }
    }

    var year: Int
    var monthsDue: Int
    var total: Group
    var byUnit: [Group]
    var byCluster: [Group]
    var byLevel: [Group]

    static func load(year: Int, today: String, on sql: any SQLDatabase) async throws -> InvestmentProgress {
        let due = InvestmentCompletion.monthsDue(year: year, today: today)
        func group(key: String, name: String, projects: Int, planned: Int64, completed: Int64) -> Group {
            let completion = InvestmentCompletion(planned: planned, months: [completed])
            return Group(key: key, name: name, projects: projects, planned: planned, completed: completed,
                         percent: completion.percent, pace: completion.pace(monthsDue: due).rawValue)
        }
        func grouped(_ key: String, join: String = "", name: String) async throws -> [Group] {
            try await sql.raw("""
                SELECT \(unsafeRaw: key) AS k, \(unsafeRaw: name) AS name, COUNT(*) AS n,
                       CAST(COALESCE(SUM(i.planned_amount), 0) AS BIGINT) AS planned, CAST(COALESCE(SUM(i.completed_amount), 0) AS BIGINT) AS completed
                FROM project_investments i JOIN projects p ON p.id = i.project_id \(unsafeRaw: join)
                WHERE i.active = \(bind: true) AND p.active = \(bind: true) AND i.year = \(bind: year)
                GROUP BY \(unsafeRaw: key), \(unsafeRaw: name) ORDER BY planned DESC, k
                """).all().map { row in
                group(key: try row.decodeNil(column: "k") ? "" : try ProjectGroups.key(row),
                      name: try row.decodeNil(column: "name") ? "" : try row.decode(column: "name", as: String.self),
                      projects: try row.decode(column: "n", as: Int.self),
                      planned: try row.decode(column: "planned", as: Int64.self), completed: try row.decode(column: "completed", as: Int64.self))
            }
        }
        let levels = try await grouped("p.level", name: "p.level")
        let byLevel = ProjectGroups.levels.map { level in
            let found = levels.first { $0.key == level.key }
            return group(key: level.key, name: level.name, projects: found?.projects ?? 0, planned: found?.planned ?? 0, completed: found?.completed ?? 0)
        }
        let total = group(key: "", name: "合计", projects: levels.map(\.projects).reduce(0, +),
                          planned: levels.map(\.planned).reduce(0, +), completed: levels.map(\.completed).reduce(0, +))
        return InvestmentProgress(year: year, monthsDue: due, total: total,
                                  byUnit: try await grouped("p.owning_unit_id", join: "JOIN units u ON u.id = p.owning_unit_id", name: "u.name"),
                                  byCluster: try await grouped("p.cluster_id", join: "LEFT JOIN clusters c ON c.id = p.cluster_id", name: "c.name"),
                                  byLevel: byLevel)
    }

    /// The early warning's "investment behind plan": this year's plans whose completion is below
    /// the plan's share for the months due — counted in SQL with integer arithmetic
    /// (completed × 12 < planned × due is behind; × 10 against × 8 is red), the worst first.
    static func behindPlan(today: String, shown: Int, on sql: any SQLDatabase) async throws -> EarlyWarnings.Kind {
        let year = CalendarDay(today)?.year ?? 2025
        let due = InvestmentCompletion.monthsDue(year: year, today: today)
        let rule = "按今年已到期的 \(due) 个月，应完成年度计划投资的 \(due)/12：低于应完成额的 80% 为红，80%–100% 为黄"
        guard due > 0 else { return EarlyWarnings.Kind(key: "investmentBehind", title: "投资完成落后于计划的项目", rule: rule, red: 0, yellow: 0, items: []) }
        // The year's rows read from their covering index; the few deactivated projects are left
        // out by a list rather than a project lookup per row. Only the page's rows join a project.
        // The page orders by the stored per cent first: it is the rounded ratio (never null with a
        // plan, never decreasing as the ratio grows), so the order is the ratio's, and the
        // (year, completion_percent) index gives the furthest behind without sorting them all.
        let behind: SQLQueryString = """
            FROM project_investments i
            WHERE i.active = \(bind: true) AND i.year = \(bind: year) AND i.planned_amount > 0
              AND COALESCE(i.completed_amount, 0) * 12 < i.planned_amount * \(bind: due)
              AND i.project_id NOT IN (SELECT id FROM projects WHERE active = \(bind: false))
            """
        let red: SQLQueryString = "COALESCE(i.completed_amount, 0) * 120 < i.planned_amount * \(bind: due * 8)"
        let counts = try await sql.raw("SELECT SUM(CASE WHEN \(red) THEN 1 ELSE 0 END) AS red, COUNT(*) AS behind " + behind).first()
        let ratio = "COALESCE(b.completed_amount, 0) * 1.0 / b.planned_amount"
        let rows = try await sql.raw("""
            SELECT p.id, p.name, b.planned_amount, b.completed_amount, b.reported_through FROM (
              SELECT i.project_id, i.planned_amount, i.completed_amount, i.reported_through
            """ + " " + behind + """
               ORDER BY i.completion_percent, COALESCE(i.completed_amount, 0) * 1.0 / i.planned_amount, i.project_id LIMIT \(unsafeRaw: String(shown))
            ) b JOIN projects p ON p.id = b.project_id ORDER BY \(unsafeRaw: ratio), p.id
            """).all()
        let redCount = try ProjectGroups.count(counts, "red"), behindCount = try ProjectGroups.count(counts, "behind")
        return EarlyWarnings.Kind(key: "investmentBehind", title: "投资完成落后于计划的项目", rule: rule, red: redCount, yellow: behindCount - redCount,
            items: try rows.map { row in
                let planned = try row.decode(column: "planned_amount", as: Int64.self)
                let completed = try row.decodeNil(column: "completed_amount") ? 0 : try row.decode(column: "completed_amount", as: Int64.self)
                let through = try row.decodeNil(column: "reported_through") ? nil : try row.decode(column: "reported_through", as: Int.self)
                let completion = InvestmentCompletion(planned: planned, months: [completed])
                return EarlyWarnings.Item(level: completion.pace(monthsDue: due).rawValue, name: try row.decode(column: "name", as: String.self),
                    path: RegisterDeclaration.projects.path(try row.decode(column: "id", as: Int.self)),
                    detail: "年度计划 \(Wan(planned).yiText) 亿元，" + (through.map { "已报至 \($0) 月，" } ?? "尚未填报，")
                        + "完成 \(Wan(completed).yiText) 亿元（\(completion.percent ?? 0)%），应完成 \(Wan(planned * Int64(due) / 12).yiText) 亿元")
            })
    }

    static let schemaName = "InvestmentProgress"
    static var openAPISchema: JSONSchema {
        let group = JSONSchema.object(properties: [
            "key": .string(description: "级别代码，或单位、集群 ID（无集群为空）"), "name": .string, "projects": .integer(description: "有年度计划的项目数"),
            "planned": .integer(format: .int64, description: "年度计划投资（万元）"), "completed": .integer(format: .int64, description: "累计完成投资（万元）"),
            "percent": .integer(format: .int64, required: true, nullable: true, description: "完成率（%，完成 ÷ 计划）；无计划为空"),
            "pace": .string(allowedValues: ["green", "yellow", "red"]),
        ])
        return .object(properties: [
            "year": .integer, "monthsDue": .integer(description: "本年度应已填报的月数（已结束的月份）"),
            "total": group, "byUnit": .array(items: group), "byCluster": .array(items: group), "byLevel": .array(items: group),
        ])
    }
}
