import Plot

/// The dashboard's 我的待办: per register the overdue and coming-due counts (each a link to the
/// list filtered to exactly those records) and the first records by due day.
enum MyWorkView {
    static func section(_ context: PageContext, _ work: MyWork) -> Node<HTML.BodyContext> {
        .section(.class("my-work"),
            .h2(.text(context.t("我的待办", "My work")), .span(.class("hint"), .text(context.t(" · \(work.unitName)及下级单位", " · \(work.unitName) and below")))),
            .if(work.groups.isEmpty, .p(.class("hint"), .text(context.t("没有逾期或即将到期的事项。", "Nothing overdue or coming due.")))),
            .forEach(work.groups) { group in
                .div(.class("work-group"),
                    .h3(.text(group.title + " "),
                        .if(group.overdue > 0, .a(.class("badge expired"), .href(group.overduePath), .text(context.t("已逾期 \(group.overdue)", "Overdue \(group.overdue)")))),
                        .text(" "),
                        .if(group.dueSoon > 0, .a(.class("badge expiring"), .href(group.dueSoonPath), .text(context.t("即将到期 \(group.dueSoon)", "Due soon \(group.dueSoon)"))))),
                    .ul(.class("plain"), .forEach(group.items) { item in
                        .li(.a(.href(item.path), .text(item.name)), .text(" · \(group.dueLabel) \(item.due)"),
                            .if(item.state == RegisterExpiry.expired.rawValue, .span(.class("badge expired"), .text(context.t(" 已逾期", " overdue")))))
                    }))
            })
    }
}
