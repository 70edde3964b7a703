import GaoxinDomain
import Plot

/// Create and edit form of an enterprise; each failure next to its field, typed values kept.
enum EnterpriseFormView {
    typealias Model = RecordForm.Model<EnterpriseInput>

    static func render(_ context: PageContext, _ model: Model) -> HTML {
        let lang = context.lang
        let values = model.values
        let cancel = model.recordID.map(Site.enterprise) ?? Site.enterprises
        return RecordForm.page(
            context, title: model.recordID == nil ? context.t("登记企业", "New enterprise") : context.t("编辑企业", "Edit enterprise"),
            errors: model.errors, action: model.recordID.map(Site.enterprise) ?? Site.enterprises, cancel: cancel,
            FormField.text("name", label: context.t("企业名称", "Name"), value: values.name, errors: model.errors, lang: lang, required: true),
            FormField.text("creditCode", label: context.t("统一社会信用代码", "Unified social credit code"), value: values.creditCode,
                           errors: model.errors, lang: lang, required: true, maxLength: 30,
                           hint: context.t("18 位，末位为校验位", "18 characters; the last is a check character")),
            FormField.text("industryCode", label: context.t("行业（GB/T 4754-2017）", "Industry (GB/T 4754-2017)"), value: values.industryCode,
                           errors: model.errors, lang: lang, required: true, maxLength: 100,
                           hint: context.t("代码（如 C3976）或名称（如 光电子器件制造）；名称对应多个行业时会列出供选择",
                                           "A code (e.g. C3976) or a name; a name that fits several industries lists them to choose from")),
            FormField.select("unitId", label: context.t("所属单位", "Unit"), options: model.options,
                             selected: values.unitId.map(String.init), errors: model.errors, lang: lang, required: true, blank: context.t("请选择", "Choose")),
            FormField.checkbox("aboveScale", label: context.t("规模以上工业企业（规上）", "Above designated size"), checked: values.aboveScale ?? false,
                               errors: model.errors, lang: lang),
            FormField.select("tier", label: context.t("层级", "Tier"),
                             options: EnterpriseTier.allCases.map { .init(value: $0.rawValue, label: context.t($0.nameZh, $0.nameEn)) },
                             selected: values.tier, errors: model.errors, lang: lang, blank: context.t("（无）", "(none)")),
            FormField.text("address", label: context.t("地址", "Address"), value: values.address, errors: model.errors, lang: lang),
            FormField.textarea("note", label: context.t("备注", "Note"), value: values.note, errors: model.errors, lang: lang)
        )
    }
}
