import GaoxinDomain
import Plot

/// One cluster: its facts, its chains (with the form for a new one).
enum ClusterShowView {
    struct Model {
        var cluster: ClusterDTO
        var chains: [(chain: ChainDTO, nodes: Int)]
        var figures: ClusterFiguresView.Model
        var checklists: [ChecklistBoard.Template]
        var lists: ClusterLists
        var backlinks: [RegisterBacklinks.Group] = []
        /// The lead department's or the office's: chains, figures, checklist.
        var canWrite: Bool
        /// The office's: the cluster's own record.
        var canEditRegistry: Bool
        var chainValues: [String: String]
        var errors: [FieldError]
    }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let c = model.cluster
        let lang = context.lang
        return Page.render(
            context, title: c.name,
            .nav(.class("breadcrumbs"), .a(.href(Site.clusters), .text(context.t("产业集群", "Clusters")))),
            .dl(.class("facts"),
                .dt(.text(context.t("类别", "Category"))), .dd(.text(ClusterCategory(rawValue: c.category).map { context.t($0.nameZh, $0.nameEn) } ?? c.category)),
                .dt(.text(context.t("牵头部门", "Lead unit"))), .dd(.a(.href(Site.unit(c.leadUnitId)), .text(c.leadUnitName ?? "#\(c.leadUnitId)"))),
                .dt(.text(context.t("挂钩领导", "Liaison leader"))), .dd(.text(c.liaisonLeader ?? "—")),
                .dt(.text(context.t("年度营收目标", "Annual target"))), .dd(.text(c.annualTarget.map { Wan($0).yiText + " " + context.t("亿元", "100m yuan") } ?? "—")),
                .dt(.text(context.t("状态", "Status"))), .dd(.text(c.active ? context.t("启用", "Active") : context.t("已停用", "Inactive"))),
                .dt(.text(context.t("备注", "Note"))), .dd(.text(c.note ?? "—"))),
            .if(model.canEditRegistry, .div(.class("actions"),
                .a(.class("button"), .href(Site.clusterEdit(c.id)), .text(context.t("编辑", "Edit"))),
                .form(.class("inline"), .method(.post), .action(c.active ? Site.clusterDeactivate(c.id) : Site.clusterReactivate(c.id)), Page.csrf(context),
                      .button(.type(.submit), .class("secondary"), .text(c.active ? context.t("停用", "Deactivate") : context.t("启用", "Reactivate")))))),
            ClusterFiguresView.section(context, model.figures),
            ChecklistViews.section(context, clusterID: c.id, model.checklists, canWrite: model.canWrite),
            ClusterListsView.section(context, clusterID: c.id, model.lists),
            .h2(.text(context.t("产业链", "Chains"))),
            .if(model.chains.isEmpty, .p(.class("empty"), .text(context.t("尚无产业链", "No chains yet")))),
            .ul(.class("plain"), .forEach(model.chains) { item in
                .li(.a(.href(Site.chain(item.chain.id)), .text(item.chain.name)), .text(context.t(" · \(item.nodes) 个环节", " · \(item.nodes) nodes")))
            }),
            .if(model.canWrite, FormField.section(
                context.t("新建产业链", "New chain"),
                FormField.summary(model.errors, lang: lang),
                .form(.class("record"), .method(.post), .action(Site.clusterChains(c.id)), .novalidate(), Page.csrf(context),
                      FormField.text("name", label: context.t("产业链名称", "Chain name"), value: model.chainValues["name"], errors: model.errors, lang: lang, required: true, maxLength: 100),
                      ChainFormView.thresholdFields(context, values: model.chainValues, errors: model.errors),
                      .div(.class("actions"), .button(.type(.submit), .text(context.t("新建", "Create")))))
            )),
            RegisterBacklinksView.section(context, model.backlinks)
        )
    }
}
