import GaoxinDomain
import Plot

/// The dashboard: who you are, what you can reach, the figures of this foundation.
enum HomeView {
    struct Model {
        var unitCount: Int
        var userCount: Int
        var lockedCount: Int
        var recentAudit: [AuditQueries.Row]
    }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let actor = context.actor
        return Page.render(
            context, title: context.t("工作台", "Dashboard"),
            .unwrap(actor) { actor in
                .p(.text(context.t("您好，\(actor.displayName)。当前角色：", "Hello, \(actor.displayName). Roles: ")
                         + actor.roles.sorted().map { context.t($0.nameZh, $0.nameEn) }.joined(separator: "、")))
            },
            .div(.class("cards"),
                 card(context.t("组织单位", "Units"), "\(model.unitCount)", Site.units),
                 .if(actor?.hasAny(Policies.users.read) ?? false, card(context.t("用户", "Users"), "\(model.userCount)", Site.users)),
                 .if(actor?.hasAny(Policies.users.write) ?? false, card(context.t("锁定账号", "Locked accounts"), "\(model.lockedCount)", Site.users))),
            .if(!model.recentAudit.isEmpty, .group(
                .h2(.text(context.t("最近变更", "Recent changes"))),
                .ul(.class("plain"), .forEach(model.recentAudit) { row in
                    .li(.text(DisplayFormat.dateTime(row.at) + " · " + row.actorName + " · "), .a(.href(Site.auditEntry(row.id)), .text(row.summary)))
                })
            ))
        )
    }

    static func card(_ title: String, _ value: String, _ link: String) -> Node<HTML.BodyContext> {
        .a(.class("card"), .href(link), .span(.class("card-title"), .text(title)), .span(.class("card-value"), .text(value)))
    }
}
