import Foundation
import GaoxinDomain
import SQLKit

/// Each assessed unit's `AssessmentMetric` values for a year as of a day: the target list's
/// progress (`TargetProgress` through that day) and, over the unit's subtree, the year's planned
/// and completed investment (months up to that day's), projects late on that day and obstacles
/// overdue on it — grouped reads per responsible unit, added up over the subtrees by unit path.
enum AssessmentMetrics {
    struct Unit: Sendable {
        let id: Int
        let name: String
        var values: [String: Double]
    }

    static func load(year: Int, asOf: String, on sql: any SQLDatabase) async throws -> [Unit] {
        let progress = try await TargetProgress.load(year: year, today: asOf, through: asOf, on: sql)
        guard !progress.rows.isEmpty else { return [] }
        let throughMonth = asOf.hasPrefix("\(year)-") ? Int(asOf.dropFirst(5).prefix(2)) ?? 12 : 12
        let completed = ProjectInvestmentMonths.all.prefix(throughMonth).map { "COALESCE(i.\($0.key), 0)" }.joined(separator: " + ")
        async let investmentRows = sql.raw("""
            SELECT p.owning_unit_id AS unit, CAST(COALESCE(SUM(i.planned_amount), 0) AS BIGINT) AS planned,
                   CAST(COALESCE(SUM(\(unsafeRaw: completed)), 0) AS BIGINT) AS completed
            FROM project_investments i JOIN projects p ON p.id = i.project_id
            WHERE i.active = \(bind: true) AND p.active = \(bind: true) AND i.year = \(bind: year)
            GROUP BY p.owning_unit_id
            """).all()
        async let late = ProjectsLateOn.countsByUnit(asOf, on: sql)
        async let obstacleRows = sql.raw("""
            SELECT o.owning_unit_id AS unit, COUNT(*) AS n FROM obstacles o
            WHERE o.active = \(bind: true) AND o.created_at < \(bind: DisplayFormat.instantAfter(day: asOf)) AND o.due_on <= \(bind: asOf)
              AND (o.status <> 'resolved' OR o.resolved_on > \(bind: asOf))
            GROUP BY o.owning_unit_id
            """).all()
        async let unitRows = sql.raw("SELECT id, path FROM units").all()

        var planned: [Int: Int64] = [:], done: [Int: Int64] = [:], overdue: [Int: Int] = [:]
        for row in try await investmentRows {
            let unit = try row.decode(column: "unit", as: Int.self)
            planned[unit] = try row.decode(column: "planned", as: Int64.self)
            done[unit] = try row.decode(column: "completed", as: Int64.self)
        }
        for row in try await obstacleRows { overdue[try row.decode(column: "unit", as: Int.self)] = try row.decode(column: "n", as: Int.self) }
        let lateByUnit = try await late
        var paths: [Int: String] = [:]
        for row in try await unitRows { paths[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "path", as: String.self) }

        return progress.rows.map { row in
            let prefix = paths[row.unitId] ?? "\u{0}"
            let subtree = paths.filter { $0.value.hasPrefix(prefix) }.map(\.key)
            let plannedSum = subtree.reduce(Int64(0)) { $0 + (planned[$1] ?? 0) }, doneSum = subtree.reduce(Int64(0)) { $0 + (done[$1] ?? 0) }
            func metric(_ key: String) -> TargetProgress.Metric? { row.metrics.first { $0.key == key } }
            var values: [String: Double] = [
                AssessmentMetric.signedProjects.rawValue: Double(row.projects),
                AssessmentMetric.signedInvestment.rawValue: Double(metric("signedInvestment")?.actual ?? 0),
                AssessmentMetric.targetSignedInvestment.rawValue: Double(metric("signedInvestment")?.target ?? 0),
                AssessmentMetric.over10Yi.rawValue: Double(metric(InvestmentClass.over10Yi.rawValue)?.actual ?? 0),
                AssessmentMetric.targetOver10Yi.rawValue: Double(metric(InvestmentClass.over10Yi.rawValue)?.target ?? 0),
                AssessmentMetric.over1Yi.rawValue: Double(metric(InvestmentClass.over1Yi.rawValue)?.actual ?? 0),
                AssessmentMetric.targetOver1Yi.rawValue: Double(metric(InvestmentClass.over1Yi.rawValue)?.target ?? 0),
                AssessmentMetric.talents.rawValue: Double(metric("talentsIntroduced")?.actual ?? 0),
                AssessmentMetric.targetTalents.rawValue: Double(metric("talentsIntroduced")?.target ?? 0),
                AssessmentMetric.targetCompletion.rawValue: row.completion ?? 0,
                AssessmentMetric.plannedInvestment.rawValue: Double(plannedSum),
                AssessmentMetric.completedInvestment.rawValue: Double(doneSum),
                AssessmentMetric.lateProjects.rawValue: Double(subtree.reduce(0) { $0 + (lateByUnit[$1] ?? 0) }),
                AssessmentMetric.overdueObstacles.rawValue: Double(subtree.reduce(0) { $0 + (overdue[$1] ?? 0) }),
            ]
            values[AssessmentMetric.investmentRate.rawValue] = plannedSum > 0 ? Double(doneSum) / Double(plannedSum) : 0
            return Unit(id: row.unitId, name: row.unitName, values: values)
        }
    }
}
