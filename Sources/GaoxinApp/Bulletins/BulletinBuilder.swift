import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// Draws a month's bulletin from the registers, every section as of the month's last day: the
/// clusters' monthly figures through the month, investment reported for months up to it, targets
/// by what was signed by then, projects late on that day (`ProjectLateness`), obstacles entered by
/// then and not resolved by then, and the restatements recorded since the previous month's close
/// up to this month's close. Nothing dated after the month changes a closed month's bulletin; only
/// the checklists are read as they stand (they keep no history).
struct BulletinBuilder {
    let month: Period
    let issuer: String
    let number: Int
    let now: Date
    let db: Database
    /// Called after each section (step, of `steps`).
    var report: @Sendable (_ step: Int, _ steps: Int) async -> Void = { _, _ in }

    static let steps = 9
    var sql: any SQLDatabase { db as! any SQLDatabase }

    /// The month's last day, `YYYY-MM-DD`.
    var asOf: String { month.lastDay }

    /// Each section's own time as it finishes (section index, milliseconds): the benchmark's.
    var timed: @Sendable (_ section: Int, _ milliseconds: Double) -> Void = { _, _ in }

    /// Counts the sections finished, for the job's progress.
    actor Finished {
        private var count = 0
        func next() -> Int {
            count += 1
            return count
        }
    }

    /// The sections read different tables and run side by side, each on its own pooled connection:
    /// the bulletin takes about as long as its slowest section, not their sum.
    func build() async throws -> BulletinContent {
        let close = try await PeriodClose.record(month, on: db)
        let header = BulletinContent.Header(month: month.description, year: month.year, throughMonth: month.month, issuer: issuer, number: number,
                                            issuedOn: DisplayFormat.day(close?.closedAt ?? now), asOf: asOf, final: close != nil)
        let finished = Finished()
        async let clusterPart = section(0, finished) { try await self.clusterSection() }
        async let structures = section(1, finished) { try await self.structureSection() }
        async let key = section(2, finished) { try await self.keyProjectSection() }
        async let investment = section(3, finished) { try await self.investmentSection() }
        async let targets = section(4, finished) { try await self.targetSection() }
        async let late = section(5, finished) { try await self.lateProjectSection() }
        async let obstacles = section(6, finished) { try await self.obstacleSection() }
        async let checklists = section(7, finished) { try await self.checklistSection() }
        async let restatements = section(8, finished) { try await self.restatementSection(closedAt: close?.closedAt) }
        let (clusters, total, tiers) = try await clusterPart
        var content = BulletinContent(header: header, summary: [], clusters: clusters, clusterTotal: total, structures: try await structures, tiers: tiers,
                                      keyProjects: try await key, investment: try await investment, targets: try await targets,
                                      lateProjects: try await late, obstacles: try await obstacles, checklists: try await checklists,
                                      restatements: try await restatements)
        content.summary = BulletinWording.summary(content)
        // The sections report as they finish, side by side, so their writes may land out of order
        // (a 7 after the 9): the last word, once all are in, is that every section is done.
        await report(Self.steps, Self.steps)
        return content
    }

    private func section<T: Sendable>(_ index: Int, _ finished: Finished, _ work: @Sendable () async throws -> T) async throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        let value = try await work()
        timed(index, Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
        await report(await finished.next(), Self.steps)
        return value
    }

    static func row(_ line: ClusterStructureTotals.Line, rank: Int? = nil) -> BulletinContent.ClusterRow {
        BulletinContent.ClusterRow(rank: rank, name: line.name, clusterId: line.clusterId, yearToDate: line.yearToDate,
                                   previousYearToDate: line.previousYearToDate, growth: line.growth, annualTarget: line.annualTarget,
                                   progress: line.progress, light: BulletinLight.of(line.pace), tier: line.tier)
    }

    /// Every active cluster on its own figures' path, ranked by revenue of 1–N月, and the tiers.
    func clusterSection() async throws -> ([BulletinContent.ClusterRow], BulletinContent.ClusterRow, [BulletinContent.Tier]) {
        let clusters = try await Cluster.query(on: db).filter(\.$active == true).sort(\.$sortOrder).sort(\.$id).all()
        let series = try await ClusterFigures.series(clusters: clusters.compactMap(\.id), from: Period(year: month.year - 1, month: 1)!.description,
                                                     to: month.description, on: sql)
        let lines = clusters.map { ClusterStructureTotals.line($0, series[$0.id!] ?? .init(), through: month) }
            .sorted { ($1.yearToDate, $0.clusterId ?? 0) < ($0.yearToDate, $1.clusterId ?? 0) }
        let rows = lines.enumerated().map { Self.row($1, rank: $0 + 1) }
        let total = Self.row(ClusterStructureTotals.sum("全部集群合计", lines, through: month))
        let tiers = [(ClusterScaleTier.thousandBillion, "超千亿"), (.twoThousandBillion, "超两千亿"), (.threeThousandBillion, "超三千亿")].map { tier, label in
            BulletinContent.Tier(label: label, threshold: tier.rawValue, clusters: lines.filter { $0.yearToDate >= tier.rawValue }.map(\.name))
        }
        return (rows, total, tiers)
    }

    /// Each active structure ("465"…): its groups' totals and clusters, through the month.
    func structureSection() async throws -> [BulletinContent.Structure] {
        var result: [BulletinContent.Structure] = []
        for structure in try await ClusterStructure.query(on: db).filter(\.$active == true).sort(\.$sortOrder).sort(\.$id).all() {
            let totals = try await ClusterStructureTotals.make(structure, month: month, now: now, on: db)
            result.append(BulletinContent.Structure(
                name: structure.name,
                groups: totals.groups.map { .init(total: Self.row($0.total), clusters: $0.clusters.map { Self.row($0) }) },
                total: Self.row(totals.total), overThousand: totals.total.overThousand))
        }
        return result
    }

    /// Key projects (any 重大/重点 level) signed by the month's end, and the year's planned
    /// investment: how much of each lies inside the clusters.
    func keyProjectSection() async throws -> BulletinContent.KeyProjects {
        let key = try await sql.raw("""
            SELECT COUNT(*) AS n, SUM(CASE WHEN p.cluster_id IS NOT NULL THEN 1 ELSE 0 END) AS n_in,
                   CAST(COALESCE(SUM(p.total_investment), 0) AS BIGINT) AS invest,
                   CAST(COALESCE(SUM(CASE WHEN p.cluster_id IS NOT NULL THEN p.total_investment ELSE 0 END), 0) AS BIGINT) AS invest_in
            FROM projects p WHERE p.active = \(bind: true) AND p.level <> 'none' AND p.signed_on <= \(bind: asOf)
            """).first()
        let planned = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(i.planned_amount), 0) AS BIGINT) AS planned,
                   CAST(COALESCE(SUM(CASE WHEN p.cluster_id IS NOT NULL THEN i.planned_amount ELSE 0 END), 0) AS BIGINT) AS planned_in
            FROM project_investments i JOIN projects p ON p.id = i.project_id
            WHERE i.active = \(bind: true) AND p.active = \(bind: true) AND i.year = \(bind: month.year)
            """).first()
        func amount(_ row: (any SQLRow)?, _ column: String) throws -> Int64 {
            guard let row, try !row.decodeNil(column: column) else { return 0 }
            return try row.decode(column: column, as: Int64.self)
        }
        return BulletinContent.KeyProjects(keyProjects: try ProjectGroups.count(key, "n"), keyInClusters: try ProjectGroups.count(key, "n_in"),
                                           keyInvestment: try amount(key, "invest"), keyInvestmentInClusters: try amount(key, "invest_in"),
                                           plannedInvestment: try amount(planned, "planned"), plannedInClusters: try amount(planned, "planned_in"))
    }

    /// The year's planned investment against what was completed in its months up to this one, in
    /// total and per responsible unit, ranked by completion rate.
    func investmentSection() async throws -> BulletinContent.Investment {
        let completed = ProjectInvestmentMonths.all.prefix(month.month).map { "COALESCE(i.\($0.key), 0)" }.joined(separator: " + ")
        let rows = try await sql.raw("""
            SELECT u.name AS name, COUNT(*) AS n, CAST(COALESCE(SUM(i.planned_amount), 0) AS BIGINT) AS planned,
                   CAST(COALESCE(SUM(\(unsafeRaw: completed)), 0) AS BIGINT) AS completed
            FROM project_investments i JOIN projects p ON p.id = i.project_id JOIN units u ON u.id = p.owning_unit_id
            WHERE i.active = \(bind: true) AND p.active = \(bind: true) AND i.year = \(bind: month.year)
            GROUP BY u.id, u.name
            """).all()
        func line(_ name: String, projects: Int, planned: Int64, completed: Int64) -> BulletinContent.InvestmentRow {
            let completion = InvestmentCompletion(planned: planned, months: [completed])
            return BulletinContent.InvestmentRow(rank: nil, name: name, projects: projects, planned: planned, completed: completed,
                                                 rate: planned > 0 ? Double(completed) / Double(planned) : nil,
                                                 light: completion.pace(monthsDue: month.month).rawValue)
        }
        var units = try rows.map { row in
            line(try row.decode(column: "name", as: String.self), projects: try row.decode(column: "n", as: Int.self),
                 planned: try row.decode(column: "planned", as: Int64.self), completed: try row.decode(column: "completed", as: Int64.self))
        }
        units.sort { ($0.rate ?? -1, $1.name) > ($1.rate ?? -1, $0.name) }
        for index in units.indices { units[index].rank = index + 1 }
        let total = line("合计", projects: units.map(\.projects).reduce(0, +), planned: units.map(\.planned).reduce(0, +),
                         completed: units.map(\.completed).reduce(0, +))
        return BulletinContent.Investment(monthsDue: month.month, total: total, byUnit: units)
    }

    /// The target lists as of the month's end, ranked by overall completion.
    func targetSection() async throws -> BulletinContent.Targets {
        let progress = try await TargetProgress.load(year: month.year, today: asOf, through: asOf, on: sql)
        return BulletinContent.Targets(
            elapsed: progress.elapsed, columns: progress.columns.map { "\($0.label)（\($0.measure)）" },
            rows: progress.rows.map { row in
                BulletinContent.TargetRow(rank: row.rank, unit: row.unitName, title: row.title, projects: row.projects,
                                          cells: row.metrics.map { "\($0.actual)/\($0.target)" }, completion: row.completion, light: row.pace)
            })
    }

    /// Projects late on the month's last day, counted per unit, the longest overdue named.
    func lateProjectSection() async throws -> BulletinContent.LateProjects {
        async let counts = ProjectsLateOn.countsByUnit(asOf, on: sql)
        async let earliest = ProjectsLateOn.earliest(asOf, limit: BulletinContent.listed, on: sql)
        let byUnit = try await counts
        let names = try await unitNames(Array(byUnit.keys))
        return BulletinContent.LateProjects(
            count: byUnit.values.reduce(0, +),
            byUnit: byUnit.map { BulletinContent.UnitCount(unit: names[$0.key] ?? "", count: $0.value) }.sorted { ($1.count, $0.unit) < ($0.count, $1.unit) },
            items: try await earliest.map { item in
                BulletinContent.LateProject(name: item.name, unit: item.unitName, stage: item.lateness.stageReached.zh,
                                            missed: item.lateness.missedStage.zh, plannedOn: item.lateness.plannedOn)
            })
    }

    func unitNames(_ ids: [Int]) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [Int: String] = [:]
        for row in try await sql.raw("SELECT id, name FROM units WHERE id IN (\(binds: ids))").all() {
            names[try row.decode(column: "id", as: Int.self)] = try row.decode(column: "name", as: String.self)
        }
        return names
    }

    /// Obstacles entered by the month's end and not resolved by then; those past their due day
    /// on that day first.
    func obstacleSection() async throws -> BulletinContent.Obstacles {
        let kinds: [String: String] = {
            guard case .choice(let choices)? = RegisterDeclaration.obstacles.field("kind")?.kind else { return [:] }
            return Dictionary(uniqueKeysWithValues: choices.map { ($0.value, $0.zh) })
        }()
        let rows = try await sql.raw("""
            SELECT o.id, o.title, o.kind, o.due_on, p.name AS project, u.name AS unit
            FROM obstacles o JOIN projects p ON p.id = o.project_id JOIN units u ON u.id = o.owning_unit_id
            WHERE o.active = \(bind: true) AND o.created_at < \(bind: DisplayFormat.instantAfter(day: asOf))
              AND (o.status <> 'resolved' OR o.resolved_on > \(bind: asOf))
            """).all()
        var open = try rows.map { row -> (id: Int, obstacle: BulletinContent.Obstacle) in
            let due = try row.decode(column: "due_on", as: String.self)
            return (try row.decode(column: "id", as: Int.self), BulletinContent.Obstacle(
                title: try row.decode(column: "title", as: String.self), project: try row.decode(column: "project", as: String.self),
                unit: try row.decode(column: "unit", as: String.self), kind: kinds[try row.decode(column: "kind", as: String.self)] ?? "",
                dueOn: due, overdue: due <= asOf))
        }
        open.sort { ($1.obstacle.overdue ? 1 : 0, $0.obstacle.dueOn, $0.id) < ($0.obstacle.overdue ? 1 : 0, $1.obstacle.dueOn, $1.id) }
        return BulletinContent.Obstacles(open: open.count, overdue: open.filter(\.obstacle.overdue).count,
                                         byUnit: Self.countByUnit(open.map(\.obstacle.unit)), items: open.prefix(BulletinContent.listed).map(\.obstacle))
    }

    /// Units by how many items they have, most first (name breaks ties).
    static func countByUnit(_ units: [String]) -> [BulletinContent.UnitCount] {
        Dictionary(grouping: units, by: { $0 }).map { BulletinContent.UnitCount(unit: $0.key, count: $0.value.count) }
            .sorted { ($1.count, $0.unit) < ($0.count, $1.unit) }
    }

    /// Each active template: how many clusters complete it, and for each item the clusters missing it.
    func checklistSection() async throws -> [BulletinContent.Checklist] {
        let templates = try await ChecklistBoard.templates(on: db)
        let clusters = try await Cluster.query(on: db).filter(\.$active == true).sort(\.$sortOrder).sort(\.$id).all()
        let states = try await ChecklistBoard.states(clusters.compactMap(\.id), templates: templates, lang: .zh, on: db)
        return templates.enumerated().map { index, template in
            let perCluster = clusters.map { ($0.name, states[$0.id!]?[index]) }
            let gaps = template.items.enumerated().compactMap { position, item -> BulletinContent.ChecklistItemGap? in
                let missing = perCluster.filter { $0.1?.items[position].status != ChecklistStatus.done.rawValue }.map(\.0)
                return missing.isEmpty ? nil : .init(item: item.name, clusters: missing)
            }
            return BulletinContent.Checklist(template: template.template.name, clusterCount: clusters.count,
                                             complete: perCluster.filter { $0.1.map { $0.done == $0.total } ?? false }.count, gaps: gaps)
        }
    }

    /// The restatements recorded after the previous closed month's close, up to this month's
    /// close (or now, for a month still open): each one appears in exactly one bulletin.
    func restatementSection(closedAt: Date?) async throws -> [BulletinContent.RestatementRow] {
        let previous = try await PeriodCloseRecord.query(on: db).filter(\.$month < month.description).sort(\.$month, .descending).first()
        var query = Restatement.query(on: db).filter(\.$createdAt <= (closedAt ?? now))
        if let previous { query = query.filter(\.$createdAt > previous.closedAt) }
        return try await query.sort(\.$createdAt).sort(\.$id).all().map { row in
            BulletinContent.RestatementRow(month: row.month, subject: row.subject, figure: row.figure, oldValue: row.oldValue, newValue: row.newValue,
                                           reason: row.reason, by: row.userName, on: DisplayFormat.day(row.createdAt))
        }
    }
}
