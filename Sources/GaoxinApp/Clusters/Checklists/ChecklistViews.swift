import GaoxinDomain
import Plot

/// The checklist section of a cluster page, an entry's form, the gaps view across clusters and
/// the templates' pages.
enum ChecklistViews {
    static func badge<C: HTML.BodyContext>(_ status: String, _ name: String) -> Node<C> {
        .span(.class("check check-\(status)"), .text(name))
    }

    static func section<C: HTML.BodyContext>(_ context: PageContext, clusterID: Int, _ templates: [ChecklistBoard.Template], canWrite: Bool) -> Node<C> {
        .section(
            .id("checklist"),
            .h2(.text(context.t("机制清单", "Checklists"))),
            .if(templates.isEmpty, .p(.class("empty"), .text(context.t("尚无机制清单", "No checklist")))),
            .forEach(templates) { template in
                .group(
                    .h3(.text(template.name + context.t("（已完成 \(template.done)/\(template.total)）", " (\(template.done)/\(template.total) done)"))),
                    .table(
                        .thead(.tr(.th(.text(context.t("项目", "Item"))), .th(.text(context.t("状态", "Status"))), .th(.text(context.t("依据", "Evidence"))),
                                   .th(.text(context.t("备注", "Note"))), .if(canWrite, .th()))),
                        .tbody(.forEach(template.items) { item in
                            .tr(.td(.text(item.name)), .td(badge(item.status, item.statusName)),
                                .td(.if(item.records.isEmpty, .span(.class("rule"), .text(item.rule))),
                                    .forEach(item.records.prefix(5)) { .group(.a(.href($0.path), .text($0.name)), .text(" ")) },
                                    .if(item.records.count > 5, .text(context.t("等 \(item.records.count) 项", "and \(item.records.count - 5) more")))),
                                .td(.text(item.note ?? "")),
                                .if(canWrite, .td(.a(.href(Site.clusterChecklistItem(clusterID, item.itemId)), .text(context.t("填报", "Edit"))))))
                        }))
                )
            },
            .p(.a(.href(Site.checklistGaps), .text(context.t("查看全部集群的清单缺项", "Gaps across all clusters"))))
        )
    }

    static func entryForm(_ context: PageContext, cluster: (id: Int, name: String), item: ChecklistBoard.Item, unitOptions: [FormField.Option],
                          values: [String: String], errors: [FieldError]) -> HTML {
        let lang = context.lang
        let source = ChecklistSource(rawValue: item.source) ?? .manual
        let statuses = ChecklistStatus.allCases.filter { !(source.isDerived && $0 == .done) }
        return Page.render(
            context, title: cluster.name + " · " + item.name,
            .nav(.class("breadcrumbs"), .a(.href(Site.cluster(cluster.id) + "#checklist"), .text(cluster.name))),
            .p(.text(context.t("当前状态：", "Status: ")), badge(item.status, item.statusName), .span(.class("rule"), .text(" " + item.rule))),
            FormField.summary(errors, lang: lang),
            .form(.class("record"), .method(.post), .action(Site.clusterChecklistItem(cluster.id, item.itemId)), .novalidate(), Page.csrf(context),
                  FormField.select("status", label: context.t("填报状态", "Status entered"),
                                   options: statuses.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                                   selected: values["status"] ?? (item.derived ? nil : item.status), errors: errors, lang: lang,
                                   hint: source.isDerived ? context.t("由记录决定的项目，有记录即自动完成；无记录时可填“推进中”", "A record decides it; without one you may say it is in progress") : nil),
                  .if(source.unitKind != nil, FormField.select("unitId", label: context.t("指定单位", "Unit"), options: unitOptions, selected: values["unitId"] ?? item.unitId.map(String.init),
                                                               errors: errors, lang: lang, blank: context.t("请选择", "Choose"))),
                  FormField.text("note", label: context.t("备注（进展或依据）", "Note (progress or evidence)"), value: values["note"] ?? item.note, errors: errors, lang: lang, maxLength: 500),
                  .div(.class("actions"), .button(.type(.submit), .text(context.t("保存", "Save"))),
                       .a(.class("button secondary"), .href(Site.cluster(cluster.id) + "#checklist"), .text(context.t("取消", "Cancel")))))
        )
    }

    static func gaps(_ context: PageContext, _ gaps: ChecklistGaps, templates: [(id: Int, name: String)], canEditTemplates: Bool) -> HTML {
        Page.render(
            context, title: context.t("机制清单缺项", "Checklist gaps"),
            .nav(.class("breadcrumbs"), .a(.href(Site.clusters), .text(context.t("产业集群", "Clusters")))),
            .form(.class("inline"), .method(.get), .action(Site.checklistGaps),
                  FormField.select("template", label: context.t("清单", "Template"), options: templates.map { .init(value: "\($0.id)", label: $0.name) },
                                   selected: "\(gaps.templateId)", errors: [], lang: context.lang),
                  .button(.type(.submit), .class("secondary"), .text(context.t("查看", "Show"))),
                  .a(.class("button secondary"), .href(Site.checklistGapsExport + "?template=\(gaps.templateId)&format=xlsx"), .text(context.t("导出 Excel", "Export Excel"))),
                  .if(canEditTemplates, .a(.class("button secondary"), .href(Site.checklistTemplates), .text(context.t("管理清单模板", "Templates"))))),
            .table(
                .thead(.tr(.th(.text(context.t("集群", "Cluster"))), .forEach(gaps.items) { .th(.text($0.name)) }, .th(.text(context.t("已完成", "Done"))))),
                .tbody(.forEach(gaps.clusters) { row in
                    .tr(.td(.a(.href(Site.cluster(row.clusterId) + "#checklist"), .text(row.name))),
                        .forEach(Array(zip(row.statuses, row.statusNames))) { .td(badge($0.0, $0.1)) },
                        .td(.class("num"), .text("\(row.done)/\(gaps.items.count)")))
                }),
                .tfoot(.tr(.th(.text(context.t("缺项集群数", "Clusters missing it"))), .forEach(gaps.items) { .th(.class("num"), .text("\($0.missing)")) }, .th()))),
            .p(.class("rule"), .text(context.t("由记录决定的项目按记录自动判定，规则见各集群页面；其余按填报。", "Items a record decides follow the records (rules on each cluster page); the others are as entered.")))
        )
    }

    static func templates(_ context: PageContext, _ list: [ChecklistWrites.TemplateSnapshot]) -> HTML {
        Page.render(
            context, title: context.t("机制清单模板", "Checklist templates"),
            .nav(.class("breadcrumbs"), .a(.href(Site.checklistGaps), .text(context.t("机制清单缺项", "Checklist gaps")))),
            .div(.class("actions"), .a(.class("button"), .href(Site.checklistTemplateNew), .text(context.t("新建清单", "New template")))),
            .table(
                .thead(.tr(.th(.text(context.t("名称", "Name"))), .th(.text(context.t("项目", "Items"))), .th())),
                .tbody(.forEach(list) { t in
                    .tr(.td(.text(t.name + (t.locked ? context.t("（内置）", " (built in)") : ""))), .td(.text(t.items.joined(separator: "；"))),
                        .td(.a(.href(Site.checklistTemplateEdit(t.id)), .text(context.t("编辑", "Edit")))))
                }))
        )
    }

    static func templateForm(_ context: PageContext, id: Int?, locked: Bool, values: [String: String], errors: [FieldError]) -> HTML {
        let lang = context.lang
        return Page.render(
            context, title: id == nil ? context.t("新建机制清单", "New checklist template") : context.t("编辑机制清单", "Edit checklist template"),
            FormField.summary(errors, lang: lang),
            .form(.class("record"), .method(.post), .action(id.map(Site.checklistTemplate) ?? Site.checklistTemplates), .novalidate(), Page.csrf(context),
                  FormField.text("name", label: context.t("清单名称", "Name"), value: values["name"], errors: errors, lang: lang, required: true, maxLength: 50),
                  FormField.textarea("items", label: context.t("项目", "Items"), value: values["items"], errors: errors, lang: lang,
                                     hint: (locked ? context.t("内置清单的项目不能修改。", "A built-in template's items are fixed. ") : "")
                                        + context.t("每行一个项目：项目名：来源。来源可选 ", "One item a line — name: source. Sources: ")
                                        + ChecklistSource.allCases.map { context.t($0.nameZh, $0.nameEn) }.joined(separator: "、")
                                        + context.t("；不写来源即手工填报。", "; none means by hand.")),
                  FormField.textarea("note", label: context.t("说明", "Note"), value: values["note"], errors: errors, lang: lang),
                  .div(.class("actions"), .button(.type(.submit), .text(context.t("保存", "Save"))),
                       .a(.class("button secondary"), .href(Site.checklistTemplates), .text(context.t("取消", "Cancel")))))
        )
    }
}
