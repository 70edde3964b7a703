import GaoxinDomain
import Plot

/// 登记册: one row per declared register, in menu order, with its count of active records; the
/// title leads to the register's list, the count to its active records.
enum RegisterOverviewView {
    struct Row {
        var declaration: RegisterDeclaration
        var active: Int
    }

    struct Model {
        var rows: [Row]
    }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        Page.render(
            context, title: context.t("登记册", "Registers"),
            .p(.class("hint"), .text(context.t("计划的各项登记册及其在用记录数；点名称查看列表。",
                                               "The programme's registers and their active records; follow a name to its list."))),
            .table(
                .thead(.tr(.th(.text(context.t("登记册", "Register"))), .th(.class("num"), .text(context.t("在用记录", "Active records"))))),
                .tbody(.forEach(model.rows) { row in
                    .tr(
                        .td(.a(.href(row.declaration.path), .text(row.declaration.title(context.lang)))),
                        .td(.class("num"), .a(.href(row.declaration.path + "?active=1"), .text("\(row.active)")))
                    )
                })
            )
        )
    }
}
