import GaoxinDomain
import Plot

/// The section of a record's page that lists what the registers hold about it (`RegisterBacklinks`).
enum RegisterBacklinksView {
    static func section(_ context: PageContext, _ groups: [RegisterBacklinks.Group]) -> Node<HTML.BodyContext> {
        .if(!groups.isEmpty, .group(
            .h2(.text(context.t("登记册中的相关记录", "In the registers"))),
            .forEach(groups) { group in
                .div(.class("backlinks"),
                     .h3(.text(heading(context, group))),
                     .p(.text(summary(context, group))),
                     .ul(.class("plain"), .forEach(group.first) { record in
                         .li(.text(record.day.map { $0 + " " } ?? ""), .a(.href(group.declaration.path(record.id)), .text(record.name)),
                             .unwrap(group.declaration.timeLimit.flatMap { limit in record.state.map { (limit, $0) } }) { limit, state in
                                 .span(.class("badge " + state.rawValue), .text(limit.name(state, context.lang)))
                             })
                     }),
                     .unwrap(group.listPath) { path in
                         .p(.class(Print.hidden), .a(.href(path), .text(context.t("在列表中查看全部 \(group.count) 条", "All \(group.count) in the list"))))
                     })
            }
        ))
    }

    /// "授牌与奖补（企业）" or, through a cluster's enterprises, "授牌与奖补（本集群企业）".
    static func heading(_ context: PageContext, _ group: RegisterBacklinks.Group) -> String {
        let title = group.declaration.title(context.lang)
        if group.throughMembers { return title + context.t("（本集群企业，每家计一次）", " (this cluster's enterprises, each once)") }
        return title + context.t("（\(group.field.zh)）", " (\(group.field.en))")
    }

    /// "共 3 条，金额合计 6.20 亿元".
    static func summary(_ context: PageContext, _ group: RegisterBacklinks.Group) -> String {
        var parts = [context.t("共 \(group.count) 条", "\(group.count) records")]
        if let limit = group.declaration.timeLimit {
            for (state, count) in group.states where count > 0 && state != .valid { parts.append(limit.name(state, context.lang) + " \(count)") }
        }
        for sum in group.sums {
            parts.append(context.t("\(sum.field.zh)合计 ", "\(sum.field.en) in total ") + Wan(sum.total).yiText + context.t(" 亿元", " (100m yuan)"))
        }
        return parts.joined(separator: context.t("，", "; "))
    }
}
