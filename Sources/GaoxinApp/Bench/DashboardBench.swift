import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// `gaoxin bench dashboard`: each part of an administrator's dashboard, the big screen's data and
/// the zone indicator board, timed on their own (median and max of `rounds`), so the page's
/// ≤ 100 ms can be traced to its parts. Measured, never asserted.
enum DashboardBench {
    static func run(rounds: Int, on app: Application, log: (String) -> Void) async throws -> String {
        let db = app.db, sql = app.db as! any SQLDatabase
        let now = app.clock.now(), today = DisplayFormat.day(now)
        let rootID = try await sql.raw("SELECT id FROM units WHERE parent_id IS NULL ORDER BY id LIMIT 1").first(decodingColumn: "id", as: Int.self) ?? 1
        let root = try await OrgUnit.find(rootID, on: db)
        let admin = Actor(userID: 0, username: "bench", displayName: "bench", roles: [.admin], unitID: rootID,
                          unitPath: UnitPath(root?.path ?? "/\(rootID)/") ?? UnitPath(ids: [rootID]), unitName: root?.name ?? "", tokenReadOnly: nil)
        let year = CalendarDay(today)!.year - 1
        let parts: [(String, () async throws -> Void)] = [
            ("在册 / 规上企业（汇总表）", { _ = try await EnterpriseCounts.activeTotals(on: sql) }),
            ("有效高企", { _ = try await HomeView.Programme.highTechCount(today: today, on: sql) }),
            ("产业链缺失 / 薄弱（全部链图）", { _ = ChainGaps.counts(try await ChainGaps.load(now: now, on: db)) }),
            ("我的待办（管理员）", { _ = try await MyWork.load(for: admin, today: today, on: sql) }),
            ("预警：滞后项目", { _ = try await EarlyWarnings.lateProjects(today: today, on: sql) }),
            ("预警：逾期问题", { _ = try await EarlyWarnings.overdueObstacles(today: today, on: sql) }),
            ("预警：投资落后", { _ = try await InvestmentProgress.behindPlan(today: today, shown: 0, on: sql) }),
            ("预警：线索未跟进", { _ = try await EarlyWarnings.staleLeads(today: today, on: sql) }),
            ("工作台面板（通报、关账、预警）", { _ = try await Dashboard.load(for: admin, now: now, on: db) }),
            ("**工作台数据（管理员，合计）**", {
                _ = try await HomeView.Programme.load(now: now, on: db)
                _ = try await MyWork.load(for: admin, today: today, on: sql)
                _ = try await Dashboard.load(for: admin, now: now, on: db)
            }),
            ("**大屏数据**", { _ = try await BigScreen.load(now: now, on: db) }),
            ("区域指标（\(year) 年及前三年）", { _ = try await ZoneKpiBoard.load(year: year, today: CalendarDay(today)!, on: db) }),
        ]
        var out = ["", "Dashboard parts on \(app.engine.rawValue), \(rounds) rounds after one warm-up (ms):", "", "| part | median | max |", "|---|---:|---:|"]
        for (name, work) in parts {
            try await work()
            var samples: [Double] = []
            for _ in 1...rounds {
                let begun = DispatchTime.now().uptimeNanoseconds
                try await work()
                samples.append(Double(DispatchTime.now().uptimeNanoseconds - begun) / 1e6)
            }
            samples.sort()
            let line = "| \(name) | \(String(format: "%.1f", samples[samples.count / 2])) | \(String(format: "%.1f", samples.last!)) |"
            log(line)
            out.append(line)
        }
        return out.joined(separator: "\n")
    }
}
