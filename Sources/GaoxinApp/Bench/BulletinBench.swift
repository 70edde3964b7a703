import Foundation
import GaoxinDomain
import NIOConcurrencyHelpers
import Vapor

/// `gaoxin bench bulletin`: draws a month's bulletin `rounds` times as the job does (without
/// storing it) and renders its Word and Excel files, with each section's own time (the sections
/// run side by side, so they add up to more than the whole) — the issue's "bulletin of a month
/// ≤ 2 s", measured, never asserted.
enum BulletinBench {
    static let sections = ["集群营收与梯队", "集群体系分组", "重大项目占比", "投资完成", "目标进度", "滞后项目", "项目问题", "机制清单", "数据更正"]

    static func run(month: Period, rounds: Int, on app: Application, log: (String) -> Void) async throws -> String {
        var totals: [Double] = [], word: [Double] = [], excel: [Double] = []
        var perSection = Array(repeating: [Double](), count: BulletinBuilder.steps)
        for round in 1...rounds {
            let sections = NIOLockedValueBox([Int: Double]())
            var builder = BulletinBuilder(month: month, issuer: "基准", number: month.month, now: app.clock.now(), db: app.db)
            builder.timed = { index, ms in sections.withLockedValue { $0[index] = ms } }
            let begun = DispatchTime.now().uptimeNanoseconds
            let content = try await builder.build()
            totals.append(Double(DispatchTime.now().uptimeNanoseconds - begun) / 1e6)
            for (index, ms) in sections.withLockedValue({ $0 }) { perSection[index].append(ms) }
            var started = DispatchTime.now().uptimeNanoseconds
            let docx = try BulletinDocuments.word(content)
            word.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            started = DispatchTime.now().uptimeNanoseconds
            let xlsx = try BulletinDocuments.workbook(content)
            excel.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6)
            log("第 \(round) 轮：汇总 \(Int(totals.last!)) ms，docx \(docx.count) 字节，xlsx \(xlsx.count) 字节；集群 \(content.clusters.count)，滞后项目 \(content.lateProjects.count)，未解决问题 \(content.obstacles.open)")
        }
        func line(_ label: String, _ samples: [Double]) -> String {
            let sorted = samples.sorted()
            return "| \(label) | \(String(format: "%.0f", sorted[sorted.count / 2])) | \(String(format: "%.0f", sorted.last!)) |"
        }
        var out = ["", "Bulletin of \(month) on \(app.engine.rawValue), \(rounds) rounds (ms):", "", "| part | median | max |", "|---|---:|---:|"]
        for (index, name) in sections.enumerated() where !perSection[index].isEmpty { out.append(line(name, perSection[index])) }
        out.append(line("**汇总（生成任务的计算）**", totals))
        out.append(line("docx", word))
        out.append(line("xlsx", excel))
        return out.joined(separator: "\n")
    }
}
