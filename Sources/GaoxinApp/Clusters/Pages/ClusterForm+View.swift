import GaoxinDomain
import Plot

/// Create and edit form of a cluster; the target is entered in 万元 like every amount.
enum ClusterFormView {
    struct Model {
        var clusterID: Int?
        var values: ClusterInput
        /// The target as typed, so a non-number comes back as it was.
        var targetText: String?
        var unitOptions: [FormField.Option]
        var errors: [FieldError]
    }

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let lang = context.lang
        let values = model.values
        return RecordForm.page(
            context, title: model.clusterID == nil ? context.t("新建产业集群", "New cluster") : context.t("编辑产业集群", "Edit cluster"),
            errors: model.errors, action: model.clusterID.map(Site.cluster) ?? Site.clusters, cancel: model.clusterID.map(Site.cluster) ?? Site.clusters,
            FormField.text("name", label: context.t("集群名称", "Name"), value: values.name, errors: model.errors, lang: lang, required: true, maxLength: 100),
            FormField.select("category", label: context.t("类别", "Category"),
                             options: ClusterCategory.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                             selected: values.category, errors: model.errors, lang: lang, required: true, blank: context.t("请选择", "Choose")),
            FormField.select("leadUnitId", label: context.t("牵头部门", "Lead unit"), options: model.unitOptions, selected: values.leadUnitId.map(String.init),
                             errors: model.errors, lang: lang, required: true, blank: context.t("请选择", "Choose")),
            FormField.text("liaisonLeader", label: context.t("挂钩领导", "Liaison leader"), value: values.liaisonLeader, errors: model.errors, lang: lang, maxLength: 100),
            FormField.text("annualTarget", label: context.t("年度营收目标（亿元）", "Annual revenue target (100m yuan)"),
                           value: model.targetText ?? values.annualTarget.map { Wan($0).yiInput }, errors: model.errors, lang: lang, maxLength: 20,
                           hint: context.t("单位亿元，最多两位小数；如 900 即 900 亿元", "In 100m yuan, at most two decimals; 900 means 90 billion yuan")),
            FormField.select("figuresSource", label: context.t("营收口径", "Figures source"),
                             options: ClusterFiguresSource.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                             selected: values.figuresSource ?? ClusterFiguresSource.bottomUp.rawValue, errors: model.errors, lang: lang, required: true,
                             hint: context.t("自下而上：按挂到本集群产业链的规上企业月度营收汇总；自上而下：按统计部门口径逐月填报",
                                             "Bottom-up sums the monthly revenue of the above-scale enterprises on its chains; top-down takes the statistics bureau's monthly figures as entered")),
            FormField.text("sortOrder", label: context.t("排序号", "Sort order"), value: values.sortOrder.map(String.init) ?? "0", errors: model.errors, lang: lang, type: .number),
            FormField.textarea("note", label: context.t("备注", "Note"), value: values.note, errors: model.errors, lang: lang)
        )
    }
}
