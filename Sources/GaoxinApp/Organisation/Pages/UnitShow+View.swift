import GaoxinDomain
import Plot

/// One unit: its place in the tree, its details, children and users, and the actions on it.
enum UnitShowView {
    struct Model {
        var unit: UnitDTO
        var ancestors: [(id: Int, name: String)]
        var children: [(id: Int, name: String, kind: String, active: Bool)]
        var users: [(id: Int, name: String, username: String, active: Bool)]
        var canWrite: Bool
        var canSeeUsers: Bool
        var moveOptions: [FormField.Option]
        var errors: [FieldError]
        var backlinks: [RegisterBacklinks.Group] = []
    }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let unit = model.unit
        let kind = UnitKind(rawValue: unit.kind)
        return Page.render(
            context, title: unit.name,
            .nav(.class("breadcrumbs"), .a(.href(Site.units), .text(context.t("组织单位", "Units"))),
                 .forEach(model.ancestors) { .group(.text(" / "), .a(.href(Site.unit($0.id)), .text($0.name))) }),
            FormField.summary(model.errors, lang: context.lang),
            .dl(
                .class("facts"),
                .dt(.text(context.t("类型", "Kind"))), .dd(.text(kind.map { context.t($0.nameZh, $0.nameEn) } ?? unit.kind)),
                .dt(.text(context.t("编码", "Code"))), .dd(.text(unit.code ?? "—")),
                .dt(.text(context.t("状态", "Status"))), .dd(.text(unit.active ? context.t("启用", "Active") : context.t("已停用", "Inactive"))),
                .dt(.text(context.t("排序号", "Sort order"))), .dd(.text("\(unit.sortOrder)")),
                .dt(.text(context.t("备注", "Note"))), .dd(.text(unit.note ?? "—"))
            ),
            .if(model.canWrite, .div(
                .class("actions"),
                .a(.class("button"), .href(Site.unitEdit(unit.id)), .text(context.t("编辑", "Edit"))),
                .form(.class("inline"), .method(.post), .action(unit.active ? Site.unitDeactivate(unit.id) : Site.unitReactivate(unit.id)),
                      Page.csrf(context),
                      .button(.type(.submit), .class("secondary"), .text(unit.active ? context.t("停用", "Deactivate") : context.t("启用", "Reactivate")))),
                .form(.class("inline"), .method(.post), .action(Site.unitMove(unit.id)),
                      Page.csrf(context),
                      .label(.for("parentId"), .text(context.t("移动到", "Move under"))),
                      .select(.id("parentId"), .attribute(named: "name", value: "parentId"),
                              FormField.option("", context.t("（作为顶级单位）", "(top level)"), selected: false),
                              .forEach(model.moveOptions) { FormField.option($0.value, $0.label, selected: $0.value == unit.parentId.map(String.init)) }),
                      .button(.type(.submit), .class("secondary"), .text(context.t("移动", "Move"))))
            )),
            .h2(.text(context.t("下级单位", "Sub-units"))),
            .if(model.children.isEmpty, .p(.class("empty"), .text(context.t("无", "None")))),
            .ul(.class("plain"), .forEach(model.children) { child in
                .li(.a(.href(Site.unit(child.id)), .text(child.name)),
                    .text(" · " + (UnitKind(rawValue: child.kind).map { context.t($0.nameZh, $0.nameEn) } ?? child.kind)),
                    .if(!child.active, .span(.class("tag"), .text(context.t("已停用", "inactive")))))
            }),
            .if(model.canSeeUsers, .group(
                .h2(.text(context.t("用户", "Users"))),
                .if(model.users.isEmpty, .p(.class("empty"), .text(context.t("无", "None")))),
                .ul(.class("plain"), .forEach(model.users) { user in
                    .li(.a(.href(Site.user(user.id)), .text(user.name)), .text(" (\(user.username))"),
                        .if(!user.active, .span(.class("tag"), .text(context.t("已停用", "inactive")))))
                })
            )),
            RegisterBacklinksView.section(context, model.backlinks)
        )
    }
}
