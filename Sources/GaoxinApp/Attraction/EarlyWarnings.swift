import Foundation
import OpenAPIKit30
import GaoxinDomain
import SQLKit
import Vapor

/// 预警 (SPEC §3): derived, never typed in — late projects, obstacles past due, units behind the
/// pace their targets need, investment behind plan, leads without activity — each red, yellow or green by the rule shown
/// beside it, with the first records of each.
struct EarlyWarnings: Content, APISchema {
    struct Item: Content, Equatable {
        var level: String
        var name: String
        var path: String
        var detail: String
    }

    struct Kind: Content, Equatable {
        var key: String
        var title: String
        var rule: String
        var red: Int
        var yellow: Int
        var items: [Item]
        /// What the rule covers and finds nothing to warn of (on the warnings page and API; the
        /// dashboard's tiles count only red and yellow).
        var green: Int? = nil
    }

    var today: String
    var kinds: [Kind]

    /// Items drawn per kind (the counts are of all).
    static let shown = 20
    /// A lead in work without an activity for this many days is yellow, twice as many red
    /// (`GAOXIN_STALE_LEAD_DAYS`, `AppConfig.staleLeadDays`).
    static let defaultStaleDays = 30

    static func load(today: String, staleDays: Int = defaultStaleDays, on sql: any SQLDatabase) async throws -> EarlyWarnings {
        async let projects = lateProjects(today: today, on: sql)
        async let obstacles = overdueObstacles(today: today, on: sql)
        async let leads = staleLeads(today: today, days: staleDays, on: sql)
        async let populations = populations(today: today, on: sql)
        let year = CalendarDay(today)?.year ?? 2025
        async let progress = TargetProgress.load(year: year, today: today, on: sql)
        // Each kind on its own pooled connection: the page takes as long as the slowest kind.
        async let behindPlan = InvestmentProgress.behindPlan(today: today, shown: shown, on: sql)
        let targets = try await progress
        let behind = targets.rows.filter { $0.pace != "green" }
        let pace = Kind(key: "targetPace", title: "目标进度落后的单位",
                        rule: "按今年已过 \(Int((targets.elapsed * 100).rounded()))% 的时间，应完成目标的相同比例：低于应完成量的 80% 为红，80%–100% 为黄",
                        red: behind.filter { $0.pace == "red" }.count, yellow: behind.filter { $0.pace == "yellow" }.count,
                        items: behind.prefix(shown).map { row in
                            Item(level: row.pace, name: row.unitName, path: RegisterDeclaration.attractionTargets.path + "/progress?year=\(year)",
                                 detail: row.title + (row.completion.map { "，综合完成率 \(Int(($0 * 100).rounded()))%" } ?? ""))
                        })
        var kinds = [try await projects, try await obstacles, pace, try await behindPlan, try await leads]
        // Green: what each rule looks at, less what it flags.
        var covered = try await populations
        covered[pace.key] = targets.rows.count
        for index in kinds.indices {
            guard let population = covered[kinds[index].key] else { continue }
            kinds[index].green = max(0, population - kinds[index].red - kinds[index].yellow)
            kinds[index].rule += "；其余为绿"
        }
        return EarlyWarnings(today: today, kinds: kinds)
    }

    /// How many records each rule looks at: projects not yet producing, unresolved obstacles, this
    /// year's investment plans, leads in work — counts on their indexes.
    static func populations(today: String, on sql: any SQLDatabase) async throws -> [String: Int] {
        let year = CalendarDay(today)?.year ?? 2025
        func count(_ query: SQLQueryString) async throws -> Int { try await sql.raw(query).first(decodingColumn: "n", as: Int.self) ?? 0 }
        return [
            "lateProjects": try await count("SELECT COUNT(*) AS n FROM projects WHERE active = \(bind: true) AND stage <> 'producing'"),
            "overdueObstacles": try await count("SELECT COUNT(*) AS n FROM obstacles WHERE active = \(bind: true) AND status <> 'resolved'"),
            "investmentBehind": try await count("""
                SELECT COUNT(*) AS n FROM project_investments i WHERE i.active = \(bind: true) AND i.year = \(bind: year) AND i.planned_amount > 0
                AND i.project_id NOT IN (SELECT id FROM projects WHERE active = \(bind: false))
                """),
            "staleLeads": try await count("SELECT COUNT(*) AS n FROM lead_follow_up WHERE is_open = 1"),
        ]
    }

    static func lateProjects(today: String, on sql: any SQLDatabase) async throws -> Kind {
        let soon = RegisterTimeLimit.warningLimit(today, days: 30)
        // A producing project has no stage left to reach, so no next planned day: the day alone
        // says it, and the count reads the (next_due_on, active) index without touching a row.
        let counts = try await sql.raw("""
            SELECT SUM(CASE WHEN next_due_on < \(bind: today) THEN 1 ELSE 0 END) AS red,
                   SUM(CASE WHEN next_due_on >= \(bind: today) AND next_due_on <= \(bind: soon) THEN 1 ELSE 0 END) AS yellow
            FROM projects WHERE active = \(bind: true) AND next_due_on <= \(bind: soon)
            """).first()
        let rows = try await sql.raw("""
            SELECT id, name, stage, next_due_on FROM projects WHERE active = \(bind: true) AND next_due_on <= \(bind: soon)
            ORDER BY next_due_on, id LIMIT \(unsafeRaw: String(shown))
            """).all()
        return Kind(key: "lateProjects", title: "滞后项目",
                    rule: "今天已过某一未到达阶段的计划日期为红（滞后）；30 天内到达下一计划节点为黄",
                    red: try ProjectGroups.count(counts, "red"), yellow: try ProjectGroups.count(counts, "yellow"),
                    items: try rows.map { row in
                        let due = try row.decode(column: "next_due_on", as: String.self)
                        let stage = ProjectStage(rawValue: try row.decode(column: "stage", as: String.self))?.zh ?? ""
                        return Item(level: due < today ? "red" : "yellow", name: try row.decode(column: "name", as: String.self),
                                    path: RegisterDeclaration.projects.path(try row.decode(column: "id", as: Int.self)),
                                    detail: "当前阶段：\(stage)，下一计划节点 \(due)")
                    })
    }

    static func overdueObstacles(today: String, on sql: any SQLDatabase) async throws -> Kind {
        let soon = RegisterTimeLimit.warningLimit(today, days: 7)
        let counts = try await sql.raw("""
            SELECT SUM(CASE WHEN due_on < \(bind: today) THEN 1 ELSE 0 END) AS red, SUM(CASE WHEN due_on >= \(bind: today) THEN 1 ELSE 0 END) AS yellow
            FROM obstacles WHERE active = \(bind: true) AND status <> 'resolved' AND due_on <= \(bind: soon)
            """).first()
        let rows = try await sql.raw("""
            SELECT o.id, o.title, o.due_on, u.name AS unit FROM obstacles o JOIN units u ON u.id = o.owning_unit_id
            WHERE o.active = \(bind: true) AND o.status <> 'resolved' AND o.due_on <= \(bind: soon) ORDER BY o.due_on, o.id LIMIT \(unsafeRaw: String(shown))
            """).all()
        return Kind(key: "overdueObstacles", title: "逾期未解决的问题",
                    rule: "未解决且已过解决时限为红；7 天内到期为黄",
                    red: try ProjectGroups.count(counts, "red"), yellow: try ProjectGroups.count(counts, "yellow"),
                    items: try rows.map { row in
                        let due = try row.decode(column: "due_on", as: String.self)
                        return Item(level: due < today ? "red" : "yellow", name: try row.decode(column: "title", as: String.self),
                                    path: RegisterDeclaration.obstacles.path(try row.decode(column: "id", as: Int.self)),
                                    detail: "责任单位：\(try row.decode(column: "unit", as: String.self))，时限 \(due)")
                    })
    }

    /// Open leads whose last activity (or, with none, their registration) is older than the yellow
    /// line — a range of `lead_follow_up`'s (is_open, last_on) index (`LeadFollowUp`). The first
    /// few are picked there before any join: joined first, a planner with statistics walked every
    /// lead from the units through `leads_unit_board` and sorted them (0.9 s at province scale).
    static func staleLeads(today: String, days: Int = defaultStaleDays, on sql: any SQLDatabase) async throws -> Kind {
        let yellowLine = shift(today, days: -days), redLine = shift(today, days: -2 * days)
        let counts = try await sql.raw("""
            SELECT SUM(CASE WHEN last_on < \(bind: redLine) THEN 1 ELSE 0 END) AS red,
                   SUM(CASE WHEN last_on >= \(bind: redLine) THEN 1 ELSE 0 END) AS yellow
            FROM lead_follow_up WHERE is_open = 1 AND last_on < \(bind: yellowLine)
            """).first()
        let rows = try await sql.raw("""
            SELECT f.lead_id, f.last_on, l.company_name, u.name AS team
            FROM (SELECT lead_id, last_on FROM lead_follow_up WHERE is_open = 1 AND last_on < \(bind: yellowLine)
                  ORDER BY last_on, lead_id LIMIT \(unsafeRaw: String(shown))) f
            JOIN leads l ON l.id = f.lead_id JOIN units u ON u.id = l.owning_unit_id
            ORDER BY f.last_on, f.lead_id
            """).all()
        return Kind(key: "staleLeads", title: "长期未跟进的线索",
                    rule: "在跟进中的线索超过 \(days) 天无跟进记录为黄，超过 \(2 * days) 天为红（无记录的按登记日期）",
                    red: try ProjectGroups.count(counts, "red"), yellow: try ProjectGroups.count(counts, "yellow"),
                    items: try rows.map { row in
                        let last = try row.decode(column: "last_on", as: String.self)
                        return Item(level: last < redLine ? "red" : "yellow", name: try row.decode(column: "company_name", as: String.self),
                                    path: RegisterDeclaration.leads.path(try row.decode(column: "lead_id", as: Int.self)),
                                    detail: "\(try row.decode(column: "team", as: String.self))，最近跟进 \(last)")
                    })
    }

    static func shift(_ day: String, days: Int) -> String {
        guard let parsed = CalendarDay(day) else { return day }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: parsed.year, month: parsed.month, day: parsed.day))!
        let moved = calendar.dateComponents([.year, .month, .day], from: calendar.date(byAdding: .day, value: days, to: date)!)
        return String(format: "%04d-%02d-%02d", moved.year!, moved.month!, moved.day!)
    }

    static let schemaName = "EarlyWarnings"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "today": .string(format: .date),
            "kinds": .array(items: .object(properties: [
                "key": .string(allowedValues: ["lateProjects", "overdueObstacles", "targetPace", "investmentBehind", "staleLeads"]), "title": .string,
                "rule": .string(description: "判定规则"), "red": .integer, "yellow": .integer,
                "green": .integer(required: false, nullable: true, description: "规则覆盖而无预警的记录数"),
                "items": .array(items: .object(properties: [
                    "level": .string(allowedValues: ["red", "yellow"]), "name": .string, "path": .string, "detail": .string,
                ])),
            ])),
        ])
    }
}
