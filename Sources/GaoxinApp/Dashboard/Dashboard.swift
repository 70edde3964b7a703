import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// What the dashboard shows beyond the counts, by role (issue 14, item 5): the office sees the
/// month's close and the warnings, a unit its own projects and leads and its place in the target
/// ranking, a park operator its parks, spaces to re-confirm and statistics to submit, leaders the
/// programme's figures, rankings and red items. The programme's figures
/// come from the latest bulletin — the office's official, stored numbers, read without
/// recomputing anything — and the live parts are counts over indexes.
struct Dashboard {
    struct MonthStatus {
        var month: Period
        var closed: Bool
        var bulletin: BulletinRecord?
    }

    struct Count {
        var key: String
        var name: String
        var count: Int
    }

    struct UnitFigures {
        var unitID: Int
        var unitName: String
        var projects: [Count]
        var leads: [Count]
    }

    var month: MonthStatus?
    var warnings: [EarlyWarnings.Kind] = []
    var bulletin: (record: BulletinRecord, content: BulletinContent)?
    var unit: UnitFigures?
    var parks: ParkFigures?

    static func load(for actor: Actor, now: Date, staleLeadDays: Int = EarlyWarnings.defaultStaleDays, on db: Database) async throws -> Dashboard {
        let sql = db as! any SQLDatabase
        let today = DisplayFormat.day(now)
        var dashboard = Dashboard()
        let readsProgramme = actor.hasAny(Policies.programme.read)
        guard readsProgramme else { return dashboard }
        async let latest = BulletinRecord.query(on: db).sort(\.$month, .descending).first()
        if actor.hasAny([.admin, .office]) {
            let month = IndicatorWrites.currentPeriod(now).previous
            async let closed = PeriodClose.record(month, on: db)
            async let bulletin = BulletinIssue.record(month, on: db)
            dashboard.month = MonthStatus(month: month, closed: try await closed != nil, bulletin: try await bulletin)
        }
        if actor.hasAny([.admin, .office, .unit, .leader]) {
            async let late = EarlyWarnings.lateProjects(today: today, on: sql)
            async let obstacles = EarlyWarnings.overdueObstacles(today: today, on: sql)
            async let behind = InvestmentProgress.behindPlan(today: today, shown: 0, on: sql)
            async let leads = EarlyWarnings.staleLeads(today: today, days: staleLeadDays, on: sql)
            dashboard.warnings = try await [late, obstacles, behind, leads]
        }
        if actor.has(.unit) {
            dashboard.unit = try await unitFigures(actor, on: sql)
        }
        if actor.has(.park) {
            dashboard.parks = try await ParkFigures.load(actor, now: now, on: sql)
        }
        if let record = try await latest { dashboard.bulletin = (record, try record.content()) }
        return dashboard
    }

    /// The unit's (and its subtree's) active projects by stage and leads by stage.
    static func unitFigures(_ actor: Actor, on sql: any SQLDatabase) async throws -> UnitFigures {
        let prefix = actor.unitPath.description + "%"
        func grouped(_ table: String) async throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for row in try await sql.raw("""
                SELECT r.stage AS k, COUNT(*) AS n FROM \(unsafeRaw: table) r JOIN units u ON u.id = r.owning_unit_id
                WHERE r.active = \(bind: true) AND u.path LIKE \(bind: prefix) GROUP BY r.stage
                """).all() {
                counts[try row.decode(column: "k", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
        async let projects = grouped("projects")
        async let leads = grouped("leads")
        let projectCounts = try await projects, leadCounts = try await leads
        return UnitFigures(unitID: actor.unitID, unitName: actor.unitName,
                           projects: ProjectStage.allCases.map { Count(key: $0.rawValue, name: $0.zh, count: projectCounts[$0.rawValue] ?? 0) },
                           leads: LeadStage.allCases.map { Count(key: $0.rawValue, name: $0.zh, count: leadCounts[$0.rawValue] ?? 0) })
    }
}
