import GaoxinDomain
import Plot

/// A declared register's record page: every field with its label, and the actions the user may take.
enum RegisterShowView {
    static func render(_ context: PageContext, _ declaration: RegisterDeclaration, _ record: RegisterRecord,
                       backlinks: [RegisterBacklinks.Group] = [], canWrite: Bool, extras: Node<HTML.BodyContext> = .empty,
                       ancestors: [(id: Int, name: String)] = []) -> HTML {
        Page.render(
            context, title: RegisterWrites.name(declaration, record),
            // A tree record's trail runs through its ancestors.
            .nav(.class("breadcrumbs"), .a(.href(declaration.path), .text(declaration.title(context.lang))),
                 .forEach(ancestors) { .group(.text(" / "), .a(.href(declaration.path($0.id)), .text($0.name))) }),
            .if(!record.active, .p(.class("badge inactive"), .text(context.t("已停用", "Deactivated")))),
            .unwrap(declaration.timeLimit.flatMap { limit in record.expiry.map { (limit, $0) } }) { limit, state in
                .p(.class("badge " + state.rawValue), .text(limit.label(context.lang) + "：" + limit.name(state, context.lang)))
            },
            .dl(.class("facts"), .forEach(declaration.shownFields) { field in
                .group(.dt(.text(field.label(context.lang) + (field.kind.isMoney ? context.t("（亿元）", " (100m yuan)") : ""))),
                       .dd(.class(field.isNumeric ? "num" : ""), value(field, record, context)))
            }, .forEach(declaration.counts) { count in
                .group(.dt(.text(context.t(count.zh, count.en))), .dd(.class("num"), .text("\(record.counts[count.key] ?? 0)")))
            }),
            // The record's own actions beside its fields, before the sections (an enterprise's 36 months are long).
            .if(canWrite, .div(.class("actions " + Print.hidden),
                .a(.class("button"), .href(declaration.path(record.id) + "/edit"), .text(context.t("编辑", "Edit"))),
                .form(.class("inline"), .method(.post), .action(declaration.path(record.id) + (record.active ? "/deactivate" : "/reactivate")), Page.csrf(context),
                      .button(.type(.submit), .class("secondary"), .text(record.active ? context.t("停用", "Deactivate") : context.t("启用", "Reactivate")))))),
            extras,
            RegisterBacklinksView.section(context, backlinks)
        )
    }
}

/// A field's value on the record page: a reference links to what it names where that has a page.
private func value(_ field: RegisterField, _ record: RegisterRecord, _ context: PageContext) -> Node<HTML.BodyContext> {
    let names = record.referenceNames[field.key] ?? []
    if let path = field.kind.target?.path, let value = record.values[field.key] {
        let ids: [Int] = value.integer.map { [Int($0)] } ?? value.ids
        if ids.count == names.count, !ids.isEmpty {
            return .group(ids.enumerated().map { index, id in
                .group(.if(index > 0, .text("、")), .a(.href("\(path)/\(id)"), .text(names[index])))
            })
        }
    }
    // An industry on its record's page also names its section (6520 集成电路设计（I 门类 信息传输、软件和信息技术服务业）).
    if case .industry = field.kind, let code = record.text(field.key) {
        return .text(IndustryDisplay.text(code, context.lang) + IndustryDisplay.section(code, context.lang))
    }
    return .text(RegisterDisplay.text(field, record, context.lang).ifEmpty("—"))
}

extension RegisterFieldKind {
    var isMoney: Bool { if case .money = self { return true }; return false }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
