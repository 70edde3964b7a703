import Fluent
import Foundation
import GaoxinDomain
import Plot
import SQLKit

/// The dashboard: who you are, what is due for your unit (`MyWork`), what you can reach, the figures.
enum HomeView {
    struct Model {
        var unitCount: Int
        var userCount: Int
        var lockedCount: Int
        var recentAudit: [AuditQueries.Row]
        var programme: Programme? = nil
        var myWork: MyWork? = nil
        var dashboard: Dashboard? = nil
    }

    /// The programme's headline figures, each a link to the list it counts.
    struct Programme {
        var enterprises: Int
        var aboveScale: Int
        var highTech: Int
        var clusters: Int
        var gapNodes: Int
        var weakNodes: Int
        /// When the gap counts were computed (`FigureCache`: every chain map is read, so the tile
        /// may be up to `gapCountsMaxAge` old; the gaps page itself is live).
        var gapsCountedAt: Date

        static func load(now: Date, on db: Database) async throws -> Programme {
            let today = DisplayFormat.day(now)
            // From the roll-up the triggers keep: two table scans at a million enterprises otherwise.
            let (enterprises, aboveScale) = try await EnterpriseCounts.activeTotals(on: db as! any SQLDatabase)
            let highTech = try await highTechCount(today: today, on: db as! any SQLDatabase)
            let clusters = try await Cluster.query(on: db).filter(\.$active == true).count()
            // The same rows the gaps page lists, counted at most `gapCountsMaxAge` ago.
            let gaps = try await FigureCache.value("chain-gap-counts", maxAge: gapCountsMaxAge, now: now, on: db as! any SQLDatabase) {
                ChainGaps.counts(try await ChainGaps.load(now: now, on: db))
            }
            return Programme(enterprises: enterprises, aboveScale: aboveScale, highTech: highTech, clusters: clusters,
                             gapNodes: gaps.value.missing, weakNodes: gaps.value.weak, gapsCountedAt: gaps.computedAt)
        }

        static let gapCountsMaxAge: TimeInterval = 300

        /// Active enterprises holding a valid 高新技术企业 recognition on `today`.
        static func highTechCount(today: String, on sql: any SQLDatabase) async throws -> Int {
            try await sql.raw("""
                SELECT COUNT(DISTINCT q.enterprise_id) AS n FROM enterprise_qualifications q JOIN enterprises e ON e.id = q.enterprise_id
                WHERE e.active = \(bind: true) AND q.kind = \(bind: Qualification.highTech.rawValue)
                  AND q.granted_on <= \(bind: today) AND (q.expires_on IS NULL OR q.expires_on >= \(bind: today))
                """).first(decodingColumn: "n", as: Int.self) ?? 0
        }
    }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let actor = context.actor
        return Page.render(
            context, title: context.t("工作台", "Dashboard"),
            .unwrap(actor) { actor in
                .p(.text(context.t("您好，\(actor.displayName)。当前角色：", "Hello, \(actor.displayName). Roles: ")
                         + actor.roles.sorted().map { context.t($0.nameZh, $0.nameEn) }.joined(separator: "、")))
            },
            .unwrap(model.myWork) { MyWorkView.section(context, $0) },
            .unwrap(model.dashboard) { DashboardView.panels(context, $0) },
            .div(.class("cards"),
                 card(context.t("组织单位", "Units"), "\(model.unitCount)", Site.units),
                 .if(actor?.hasAny(Policies.users.read) ?? false, card(context.t("用户", "Users"), "\(model.userCount)", Site.users)),
                 .if(actor?.hasAny(Policies.users.write) ?? false, card(context.t("锁定账号", "Locked accounts"), "\(model.lockedCount)", Site.users)),
                 .unwrap(model.programme) { p in
                     .group(
                         card(context.t("在册企业", "Enterprises"), "\(p.enterprises)", Site.enterprises + "?active=1"),
                         card(context.t("规上企业", "Above-scale"), "\(p.aboveScale)", Site.enterprises + "?active=1&aboveScale=1"),
                         card(context.t("有效高新技术企业", "High-tech enterprises"), "\(p.highTech)", Site.enterprises + "?active=1&qualification=highTech"),
                         card(context.t("产业集群", "Clusters"), "\(p.clusters)", Site.clusters + "?active=1"),
                         card(context.t("产业链缺失 / 薄弱环节", "Missing / weak chain nodes"), "\(p.gapNodes) / \(p.weakNodes)", Site.chainGaps,
                              note: context.t("统计于 ", "Counted at ") + DisplayFormat.time(p.gapsCountedAt))
                     )
                 }),
            .if(!model.recentAudit.isEmpty, .group(
                .h2(.text(context.t("最近变更", "Recent changes"))),
                .ul(.class("plain"), .forEach(model.recentAudit) { row in
                    .li(.text(DisplayFormat.dateTime(row.at) + " · " + row.actorName + " · "), .a(.href(Site.auditEntry(row.id)), .text(AuditReading(row).summary(context.lang))))
                })
            ))
        )
    }

    static func card(_ title: String, _ value: String, _ link: String, note: String? = nil) -> Node<HTML.BodyContext> {
        .a(.class("card"), .href(link), .span(.class("card-title"), .text(title)), .span(.class("card-value"), .text(value)),
           .unwrap(note) { .span(.class("card-note"), .text($0)) })
    }
}
