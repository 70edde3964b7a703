import GaoxinDomain
import Plot

/// A declared register's record page: every field with its label, and the actions the user may take.
enum RegisterShowView {
    static func render(_ context: PageContext, _ declaration: RegisterDeclaration, _ record: RegisterRecord,
                       backlinks: [RegisterBacklinks.Group] = [], canWrite: Bool) -> HTML {
        Page.render(
            context, title: RegisterWrites.name(declaration, record),
            .nav(.class("breadcrumbs"), .a(.href(declaration.path), .text(declaration.title(context.lang)))),
            .if(!record.active, .p(.class("badge inactive"), .text(context.t("已停用", "Deactivated")))),
            .unwrap(declaration.timeLimit.flatMap { limit in record.expiry.map { (limit, $0) } }) { limit, state in
                .p(.class("badge " + state.rawValue), .text(limit.label(context.lang) + "：" + limit.name(state, context.lang)))
            },
            .dl(.class("facts"), .forEach(declaration.fields) { field in
                .group(.dt(.text(field.label(context.lang) + (field.kind.isMoney ? context.t("（亿元）", " (100m yuan)") : ""))),
                       .dd(.class(field.isNumeric ? "num" : ""), .text(RegisterDisplay.text(field, record, context.lang).ifEmpty("—"))))
            }),
            .if(canWrite, .div(.class("actions " + Print.hidden),
                .a(.class("button"), .href(declaration.path(record.id) + "/edit"), .text(context.t("编辑", "Edit"))),
                .form(.class("inline"), .method(.post), .action(declaration.path(record.id) + (record.active ? "/deactivate" : "/reactivate")), Page.csrf(context),
                      .button(.type(.submit), .class("secondary"), .text(record.active ? context.t("停用", "Deactivate") : context.t("启用", "Reactivate")))))),
            RegisterBacklinksView.section(context, backlinks)
        )
    }
}

extension RegisterFieldKind {
    var isMoney: Bool { if case .money = self { return true }; return false }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
