import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// `gaoxin seed-demo --scale attraction` on a province database: province-sized attraction and
/// project work over its boards — 300,000 leads (with activities), 100,000 projects in every stage
/// (planned days around today, so some are late), 20,000 obstacles and two years of target lists
/// per board — to measure the board, the project list, the target progress and the warnings at
/// the scale. Deterministic; written in multi-row statements with their search postings.
enum AttractionSeeder {
    struct Options: Sendable {
        var leads = 300_000
        var projects = 100_000
        var obstacles = 20_000
        /// The day the generated plans are spread around.
        var today = "2026-09-21"
    }

    struct Summary: Encodable, Sendable {
        var leads: Int
        var activities: Int
        var projects: Int
        var obstacles: Int
        var targets: Int
        var investments: Int
    }

    static let batch = 1_000
    // Each board takes runs of consecutive rows as long as a stage cycle, so every board has
    // leads and projects in every stage (a board picked by `i % boards` met one stage only).
    static let leadStages: [LeadStage] = [.lead, .lead, .lead, .contacting, .contacting, .negotiating, .negotiating, .signed, .signed, .dropped]
    static let projectStages: [ProjectStage] = [.signed, .signed, .registered, .registered, .started, .started, .started, .completed, .producing, .producing]

    static func seed(_ app: Application, options: Options, progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        let db = app.db, sql = db as! any SQLDatabase, now = app.clock.now()
        if try await sql.raw("SELECT id FROM leads WHERE code = \(bind: leadCode(0))").first() != nil {
            // Seeded before the investment plans existed: add just those.
            guard try await sql.raw("SELECT id FROM project_investments WHERE code LIKE 'P-TZ-%' LIMIT 1").first() == nil else {
                throw Abort(.conflict, reason: "已有省级规模招商数据 (province-scale attraction data already seeded)")
            }
            progress("年度投资计划")
            let investments = try await seedInvestments(app, today: CalendarDay(options.today)!)
            return Summary(leads: 0, activities: 0, projects: 0, obstacles: 0, targets: 0, investments: investments)
        }
        let boards = try await sql.raw("SELECT id FROM units WHERE kind = 'board' AND code LIKE 'P-%' AND active = \(bind: true) ORDER BY id").all()
            .map { try $0.decode(column: "id", as: Int.self) }
        guard !boards.isEmpty else { throw Abort(.conflict, reason: "请先生成省级规模数据（seed-demo --scale province）") }
        let sources = try await sql.raw("SELECT id FROM lead_sources WHERE active = \(bind: true) ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
        let clusters = try await sql.raw("SELECT id FROM clusters WHERE active = \(bind: true) ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
        guard !sources.isEmpty else { throw Abort(.conflict, reason: "没有线索来源（请先载入演示数据）") }
        let today = CalendarDay(options.today)!

        progress("线索 \(options.leads) 条及跟进记录")
        var activities = 0
        for start in stride(from: 0, to: options.leads, by: batch * 20) {
            try await db.transaction { tx in
                let sql = tx as! any SQLDatabase
                for chunk in stride(from: start, to: min(options.leads, start + batch * 20), by: batch) {
                    let upper = min(options.leads, chunk + batch)
                    let leads = sql.insert(into: "leads").columns("active", "name_sort", "created_at", "updated_at", "code", "company_name", "credit_code",
                                                                  "source_id", "owning_unit_id", "estimated_investment", "stage", "dropped_reason",
                                                                  "next_step", "next_step_on", "company_key")
                    let notes = sql.insert(into: "lead_activities").columns("active", "name_sort", "created_at", "updated_at", "lead_id", "occurred_on",
                                                                            "kind", "subject", "people")
                    var filed: [SearchIndex.Filed] = []
                    var ids: [Int] = []
                    for i in chunk..<upper {
                        let name = ProvinceNames.enterprise(i).name
                        let stage = leadStages[i % leadStages.count]
                        let key = PinyinSortKey.key(for: name)
                        leads.values(SQLBind(true), SQLBind(key), SQLBind(now), SQLBind(now), SQLBind(leadCode(i)), SQLBind(name), SQLLiteral.null,
                                     SQLBind(sources[i % sources.count]), SQLBind(boards[(i / leadStages.count) % boards.count]), SQLBind(Int64(1_000 + (i * 7_919) % 300_000)),
                                     SQLBind(stage.rawValue), stage == .dropped ? SQLBind("企业暂缓投资") : SQLLiteral.null,
                                     stage.isOpen ? SQLBind("再次拜访") : SQLLiteral.null,
                                     stage.isOpen ? SQLBind(day(today, (i * 37) % 120 - 40)) : SQLLiteral.null, SQLBind(CompanyNameKey.of(name)))
                    }
                    let first = (try await sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM leads").first(decodingColumn: "m", as: Int.self) ?? 0) + 1
                    try await leads.run()
                    for (offset, i) in (chunk..<upper).enumerated() {
                        let id = first + offset
                        ids.append(id)
                        filed.append(.init(id: id, sortKey: PinyinSortKey.key(for: ProvinceNames.enterprise(i).name), texts: [leadCode(i), ProvinceNames.enterprise(i).name]))
                        // Two of three leads have an activity; a fifth of those long ago (a lead going stale).
                        guard i % 3 != 0 else { continue }
                        notes.values(SQLBind(true), SQLBind(PinyinSortKey.key(for: "上门拜访")), SQLBind(now), SQLBind(now), SQLBind(id),
                                     SQLBind(day(today, i % 5 == 0 ? -90 : -(i % 25))), SQLBind("visit"), SQLBind("上门拜访"), SQLBind("招商专员"))
                        activities += 1
                    }
                    try await notes.run()
                    try await SearchIndex.insert("leads", filed, on: sql)
                }
            }
            progress("  线索 \(min(options.leads, start + batch * 20)) / \(options.leads)")
        }

        progress("项目 \(options.projects) 个")
        for start in stride(from: 0, to: options.projects, by: batch * 20) {
            try await db.transaction { tx in
                let sql = tx as! any SQLDatabase
                for chunk in stride(from: start, to: min(options.projects, start + batch * 20), by: batch) {
                    let upper = min(options.projects, chunk + batch)
                    let insert = sql.insert(into: "projects").columns(
                        "active", "name_sort", "created_at", "updated_at", "code", "name", "investor", "cluster_id", "owning_unit_id", "category",
                        "total_investment", "foreign_funded", "level", "stage", "signed_on", "planned_registered_on", "planned_started_on",
                        "planned_completed_on", "planned_producing_on", "registered_on", "started_on", "completed_on", "producing_on", "next_due_on")
                    var filed: [SearchIndex.Filed] = []
                    for i in chunk..<upper {
                        let name = ProvinceNames.enterprise(i + 500_000).name.replacingOccurrences(of: "有限公司", with: "") + "项目"
                        let stage = projectStages[i % projectStages.count]
                        // Signed over the 33 months to today; each stage planned 2–6 months after the one before.
                        let signed = day(today, -((i * 13) % 1_000))
                        var planned: [ProjectStage: String] = [:], reached: [ProjectStage: String] = [:]
                        var offset = 0
                        for later in ProjectStage.allCases.dropFirst() {
                            offset += 60 + (i * later.order * 31) % 120
                            planned[later] = shift(signed, offset)
                            if later <= stage { reached[later] = min(shift(signed, offset - 10), options.today) }
                        }
                        let investment = Int64([10_000, 20_000, 50_000, 120_000, 30_000, 600_000, 15_000, 1_200_000, 25_000, 80_000][i % 10] + (i % 97) * 100)
                        let key = PinyinSortKey.key(for: name)
                        insert.values(
                            SQLBind(true), SQLBind(key), SQLBind(now), SQLBind(now), SQLBind(projectCode(i)), SQLBind(name), SQLBind("省级演示投资方"),
                            clusters.isEmpty || i % 3 == 0 ? SQLLiteral.null : SQLBind(clusters[i % clusters.count]), SQLBind(boards[(i / projectStages.count) % boards.count]),
                            SQLBind(["industrial", "sci_tech", "headquarters", "services", "platform"][i % 5]), SQLBind(investment), SQLBind(i % 11 == 0),
                            SQLBind(["provincial", "municipal", "district", "none", "none"][i % 5]), SQLBind(stage.rawValue), SQLBind(signed),
                            SQLBind(planned[.registered]!), SQLBind(planned[.started]!), SQLBind(planned[.completed]!), SQLBind(planned[.producing]!),
                            bindOrNull(reached[.registered]), bindOrNull(reached[.started]), bindOrNull(reached[.completed]), bindOrNull(reached[.producing]),
                            bindOrNull(ProjectStageTransition.nextPlannedDay(stage: stage, planned: planned)))
                        filed.append(.init(id: 0, sortKey: key, texts: [projectCode(i), name, "省级演示投资方"]))
                    }
                    let first = (try await sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM projects").first(decodingColumn: "m", as: Int.self) ?? 0) + 1
                    try await insert.run()
                    try await SearchIndex.insert("projects", filed.enumerated().map { .init(id: first + $0.offset, sortKey: $0.element.sortKey, texts: $0.element.texts) }, on: sql)
                }
            }
            progress("  项目 \(min(options.projects, start + batch * 20)) / \(options.projects)")
        }

        progress("问题 \(options.obstacles) 个，目标指引清单")
        let projectIDs = try await sql.raw("SELECT MIN(id) AS lo, MAX(id) AS hi FROM projects WHERE code LIKE 'P-XM-%'").first()
        let lo = try projectIDs?.decode(column: "lo", as: Int.self) ?? 1, hi = try projectIDs?.decode(column: "hi", as: Int.self) ?? 1
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            for chunk in stride(from: 0, to: options.obstacles, by: batch) {
                let insert = sql.insert(into: "obstacles").columns("active", "name_sort", "created_at", "updated_at", "code", "title", "project_id", "kind",
                                                                   "owning_unit_id", "due_on", "status", "resolved_on")
                for i in chunk..<min(options.obstacles, chunk + batch) {
                    let resolved = i % 3 == 0
                    insert.values(SQLBind(true), SQLBind(PinyinSortKey.key(for: "要素保障问题")), SQLBind(now), SQLBind(now), SQLBind(String(format: "P-WT-%07d", i)),
                                  SQLBind("要素保障问题\(i)"), SQLBind(lo + (i * 4_999) % max(1, hi - lo + 1)), SQLBind(["land", "power", "permit", "finance", "talent", "other"][i % 6]),
                                  SQLBind(boards[i % boards.count]), SQLBind(day(today, (i * 17) % 90 - 45)), SQLBind(resolved ? "resolved" : ["open", "in_progress"][i % 2]),
                                  resolved ? SQLBind(day(today, -(i % 30))) : SQLLiteral.null)
                }
                try await insert.run()
            }
            let targets = sql.insert(into: "attraction_targets").columns("active", "name_sort", "created_at", "updated_at", "code", "title", "owning_unit_id", "year",
                                                                         "over100_yi", "over50_yi", "over10_yi", "over1_yi", "signed_investment")
            for (index, board) in boards.enumerated() {
                for year in [today.year - 1, today.year] {
                    let title = "\(year)年目标指引清单（板块\(index + 1)）"
                    targets.values(SQLBind(true), SQLBind(PinyinSortKey.key(for: title)), SQLBind(now), SQLBind(now), SQLBind("P-MB-\(year)-\(board)"), SQLBind(title),
                                   SQLBind(board), SQLBind(year), SQLBind(index % 5 == 0 ? 1 : 0), SQLBind(2), SQLBind(8), SQLBind(60), SQLBind(Int64(1_500_000)))
                }
            }
            try await targets.run()
        }
        progress("年度投资计划")
        let investments = try await seedInvestments(app, today: today)
        let summary = Summary(leads: options.leads, activities: activities, projects: options.projects, obstacles: options.obstacles, targets: boards.count * 2,
                              investments: investments)
        try await AuditLog.record(on: db, at: now, actor: nil, actorName: "演示数据", address: nil, action: .importRows, entity: "import",
                                  entityID: "province-attraction", summary: "生成省级规模招商数据：线索 \(summary.leads) 条，项目 \(summary.projects) 个",
                                  before: NoSnapshot?.none, after: summary)
        progress("分析统计信息")
        try await sql.raw("ANALYZE").run()
        return summary
    }

    /// This year's plan of every project not yet producing, reported through last month — a third
    /// on pace, a third a little behind, a third well behind (`InvestmentCompletion`).
    static func seedInvestments(_ app: Application, today: CalendarDay) async throws -> Int {
        let sql = app.db as! any SQLDatabase, now = app.clock.now()
        let due = InvestmentCompletion.monthsDue(year: today.year, today: today.description)
        let projects = try await sql.raw("""
            SELECT id, total_investment FROM projects WHERE code LIKE 'P-XM-%' AND stage <> 'producing' AND signed_on <= \(bind: today.description) ORDER BY id
            """).all().map { (try $0.decode(column: "id", as: Int.self), try $0.decode(column: "total_investment", as: Int64.self)) }
        let months = ProjectInvestmentMonths.all.map(\.key)
        for start in stride(from: 0, to: projects.count, by: batch) {
            try await app.db.transaction { tx in
                let sql = tx as! any SQLDatabase
                var filed: [SearchIndex.Filed] = []
                let insert = sql.insert(into: "project_investments").columns(["active", "name_sort", "created_at", "updated_at", "code", "project_id", "year", "planned_amount"]
                                                                              + months + ["completed_amount", "reported_through", "completion_percent"])
                for (i, (id, investment)) in projects[start..<min(projects.count, start + batch)].enumerated().map({ ($0.offset + start, $0.element) }) {
                    let plan = max(investment / 4, 1_000), pace = [1.1, 0.9, 0.6][i % 3]
                    let values: [Int64?] = (1...12).map { $0 <= due ? Int64(Double(plan) / 12 * pace) : nil }
                    let completion = InvestmentCompletion(planned: plan, months: values)
                    let code = String(format: "P-TZ-%d-%07d", today.year, i)
                    filed.append(.init(id: 0, sortKey: PinyinSortKey.key(for: code), texts: [code]))
                    insert.values([SQLBind(true), SQLBind(PinyinSortKey.key(for: code)), SQLBind(now), SQLBind(now), SQLBind(code), SQLBind(id), SQLBind(today.year), SQLBind(plan)]
                                  + values.map { $0.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null }
                                  + [SQLBind(completion.completed), completion.reportedThrough.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null,
                                     completion.percent.map { SQLBind($0) as any SQLExpression } ?? SQLLiteral.null])
                }
                let first = (try await sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM project_investments").first(decodingColumn: "m", as: Int.self) ?? 0) + 1
                try await insert.run()
                try await SearchIndex.insert("project_investments", filed.enumerated().map { .init(id: first + $0.offset, sortKey: $0.element.sortKey, texts: $0.element.texts) }, on: sql)
            }
        }
        try await sql.raw("ANALYZE").run()
        return projects.count
    }

    static func leadCode(_ i: Int) -> String { String(format: "P-XS-%07d", i) }
    static func projectCode(_ i: Int) -> String { String(format: "P-XM-%07d", i) }

    static func bindOrNull(_ text: String?) -> any SQLExpression { text.map { SQLBind($0) } ?? SQLLiteral.null }

    static func day(_ today: CalendarDay, _ days: Int) -> String { shift(today.description, days) }

    static func shift(_ day: String, _ days: Int) -> String { EarlyWarnings.shift(day, days: days) }
}
