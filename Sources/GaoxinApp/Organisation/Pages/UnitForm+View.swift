import GaoxinDomain
import Plot

/// Create and edit form of a unit; shows each failure next to its field and keeps what was typed.
enum UnitFormView {
    typealias Model = RecordForm.Model<UnitInput>

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let lang = context.lang
        let isNew = model.recordID == nil
        return RecordForm.page(
            context, title: isNew ? context.t("新建单位", "New unit") : context.t("编辑单位", "Edit unit"),
            errors: model.errors, action: model.recordID.map(Site.unit) ?? Site.units, cancel: model.recordID.map(Site.unit) ?? Site.units,
            FormField.text("name", label: context.t("单位名称", "Name"), value: model.values.name, errors: model.errors, lang: lang, required: true, maxLength: 100),
            FormField.select("kind", label: context.t("单位类型", "Kind"),
                             options: UnitKind.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                             selected: model.values.kind, errors: model.errors, lang: lang, required: true, blank: context.t("请选择", "Choose")),
            .if(isNew, FormField.select("parentId", label: context.t("上级单位", "Parent"), options: model.options,
                                        selected: model.values.parentId.map(String.init), errors: model.errors, lang: lang,
                                        blank: context.t("（顶级单位）", "(top level)"))),
            FormField.text("code", label: context.t("单位编码", "Code"), value: model.values.code, errors: model.errors, lang: lang, maxLength: 50,
                           hint: context.t("可选，字母数字，导入时可用来指定上级", "Optional; letters and digits; imports may refer to it")),
            FormField.text("sortOrder", label: context.t("排序号", "Sort order"), value: model.values.sortOrder.map(String.init) ?? "0",
                           errors: model.errors, lang: lang, type: .number),
            FormField.textarea("note", label: context.t("备注", "Note"), value: model.values.note, errors: model.errors, lang: lang)
        )
    }
}
