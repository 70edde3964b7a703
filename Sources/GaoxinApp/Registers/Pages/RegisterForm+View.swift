import GaoxinDomain
import Plot

/// A declared register's create/edit form: one control per field from its kind, the unit beside
/// every amount (money is typed in 亿元, as it is shown), the message beside each failing field.
enum RegisterFormView {
    static func render(_ context: PageContext, _ declaration: RegisterDeclaration, recordID: Int?, values: [String: String], lists: [String: [String]],
                       options: [String: [FormField.Option]], errors: [FieldError], pickers: [String: RegisterPicker.Picker] = [:]) -> HTML {
        let lang = context.lang
        let title = recordID == nil ? context.t("新建", "New ") + context.t(declaration.titleZh, declaration.titleEn.lowercased())
                                    : context.t("编辑", "Edit ") + context.t(declaration.titleZh, declaration.titleEn.lowercased())
        return Page.render(
            context, title: title,
            .nav(.class("breadcrumbs"), .a(.href(recordID.map(declaration.path) ?? declaration.path), .text(context.t("返回", "Back")))),
            FormField.summary(errors, lang: lang),
            .form(.class("record"), .method(.post), .action(recordID.map(declaration.path) ?? declaration.path), .novalidate(), Page.csrf(context),
                  // A secret is typed only when the record is created (its own action changes it later).
                  .forEach(declaration.inputFields.filter { recordID == nil || !$0.kind.isSecret }) { field in
                      // Once the record exists, a managed field is changed only by its own action: shown, not posted.
                      recordID != nil && field.managed ? managedValue(field, declaration, context, values: values, options: options)
                          : pickers[field.key].map { picker(field, $0, context, errors: errors) }
                          ?? control(field, context, values: values, lists: lists, options: options, errors: errors)
                  },
                  // Offered once an amount was held back as unusually large (`RegisterAmountScale`).
                  .if(errors.contains { $0.code == "confirm" },
                      FormField.checkbox(RegisterAmountScale.confirmKey, label: context.t("金额已核对（单位为亿元，数额无误）", "Amounts checked (in 100m yuan, correct)"),
                                         checked: false, errors: [], lang: lang)),
                  .div(.class("actions"), .button(.type(.submit), .text(context.t("保存", "Save")))))
        )
    }

    /// A reference typed, then chosen: the server's candidates (or the chosen record) as a select
    /// posting the id, and a box to search again whose text, when typed, wins (`RegisterPicker`).
    static func picker(_ field: RegisterField, _ picker: RegisterPicker.Picker, _ context: PageContext, errors: [FieldError]) -> Node<HTML.FormContext> {
        let searchKey = RegisterPicker.searchKey(field.key)
        let noun = field.kind.target.map { context.t($0.zh, $0.en.lowercased()) } ?? ""
        return .div(
            .class(errors.contains { $0.field == field.key } ? "field invalid" : "field"),
            .label(.for(field.key), .text(field.label(context.lang)), .if(field.required, .span(.class("req"), .text(" *")))),
            .select(.id(field.key), .attribute(named: "name", value: field.key),
                    FormField.option("", context.t("请选择", "Choose"), selected: false),
                    .forEach(picker.options) { FormField.option($0.value, $0.label, selected: $0.value == picker.selected) }),
            .input(.type(.text), .id(searchKey), .name(searchKey), .value(""), .attribute(named: "maxlength", value: "200"),
                   .placeholder(context.t("或输入名称中的几个字重新查找", "Or type part of a name to search again")),
                   .attribute(named: "aria-label", value: context.t("重新查找\(noun)", "Search again for the \(noun)"))),
            .span(.class("hint"), .text(context.t("从列表中选择；输入框里填了字则按它重新查找", "Choose from the list; text typed in the box is searched instead"))),
            FormField.error(field.key, errors, context.lang)
        )
    }

    static func managedValue(_ field: RegisterField, _ declaration: RegisterDeclaration, _ context: PageContext, values: [String: String], options: [String: [FormField.Option]]) -> Node<HTML.FormContext> {
        let raw = values[field.key] ?? ""
        let shown = options[field.key]?.first { $0.value == raw }?.label ?? raw
        return .div(.class("field"), .span(.class("label"), .text(field.label(context.lang))), .p(.class("readonly"), .text(shown.ifEmpty("—"))),
                    .span(.class("hint"), .text(context.t("通过\(declaration.managedByZh)修改", "Changed through \(declaration.managedByEn)"))))
    }

    static func control(_ field: RegisterField, _ context: PageContext, values: [String: String], lists: [String: [String]],
                        options: [String: [FormField.Option]], errors: [FieldError]) -> Node<HTML.FormContext> {
        let lang = context.lang
        let label = field.label(lang) + (field.required ? "" : "")
        let hint = field.helpZh.map { context.t($0, field.helpEn ?? $0) }
        switch field.kind {
        case .note:
            return FormField.textarea(field.key, label: label, value: values[field.key], errors: errors, lang: lang)
        case .flag:
            return FormField.checkbox(field.key, label: label, checked: values[field.key] == "1", errors: errors, lang: lang)
        case .choice, .reference:
            if let choices = options[field.key] {
                return FormField.select(field.key, label: label, options: choices, selected: values[field.key], errors: errors, lang: lang,
                                        required: field.required, blank: context.t("请选择", "Choose"))
            }
            let target = field.kind.target
            return FormField.text(field.key, label: label, value: values[field.key], errors: errors, lang: lang, required: field.required,
                                  hint: target.map { context.t("填写\($0.zh)名称中的几个字、全称或编码，保存时查找", "Type part of the \($0.en.lowercased())'s name, its full name or code") })
        case .choices:
            return FormField.checkboxes(field.key, label: label, options: options[field.key] ?? [], checked: Set(lists[field.key] ?? []), errors: errors, lang: lang,
                                        required: field.required)
        case .secret:
            // Never filled in: a typed password is not sent back into the page.
            return FormField.text(field.key, label: label, value: "", errors: errors, lang: lang, required: field.required, type: .password, hint: hint)
        case .timestamp:
            return .empty
        case .references(let target):
            if let choices = options[field.key] {
                return FormField.checkboxes(field.key, label: label, options: choices, checked: Set(lists[field.key] ?? []), errors: errors, lang: lang,
                                            required: field.required)
            }
            // Too many to tick (`RegisterOptions.selectLimit`): typed, one name or code a line, looked up on saving.
            return FormField.textarea(field.namesKey, label: label, value: values[field.namesKey], errors: errors, errorKey: field.key, lang: lang,
                                      hint: context.t("每行填写一个\(target.zh)的全称或编码（也可用“、”分隔），保存时查找",
                                                      "One \(target.en.lowercased()) a line, by full name or code; looked up on saving"))
        case .money:
            return FormField.text(field.key, label: label + context.t("（亿元）", " (100 million yuan)"), value: values[field.key], errors: errors, lang: lang,
                                  required: field.required, maxLength: 20, hint: hint ?? context.t("单位：亿元，最多两位小数；如 9 亿元填 9", "In 100 million yuan, at most two decimals"))
        case .area:
            return FormField.text(field.key, label: label + context.t("（平方米）", " (m²)"), value: values[field.key], errors: errors, lang: lang, required: field.required, maxLength: 20, hint: hint)
        case .date:
            return FormField.text(field.key, label: label, value: values[field.key], errors: errors, lang: lang, required: field.required, type: .date, maxLength: 10, hint: hint)
        case .month:
            return FormField.text(field.key, label: label, value: values[field.key], errors: errors, lang: lang, required: field.required, maxLength: 7,
                                  hint: hint ?? "YYYY-MM")
        case .decimal(let places, _, _):
            return FormField.text(field.key, label: label, value: values[field.key], errors: errors, lang: lang, required: field.required, maxLength: 20,
                                  hint: hint ?? context.t("数字，最多 \(places) 位小数", "A number, at most \(places) decimals"))
        case .integer:
            return FormField.text(field.key, label: label, value: values[field.key], errors: errors, lang: lang, required: field.required, maxLength: 20, hint: hint)
        case .industry:
            return FormField.text(field.key, label: label, value: values[field.key], errors: errors, lang: lang, required: field.required, maxLength: 5,
                                  hint: hint ?? context.t("GB/T 4754-2017 代码，如 3973", "GB/T 4754-2017 code, e.g. 3973"))
        case .creditCode:
            return FormField.text(field.key, label: label, value: values[field.key], errors: errors, lang: lang, required: field.required, maxLength: 40,
                                  hint: hint ?? context.t("18 位统一社会信用代码", "The 18-character unified social credit code"))
        case .text(let max), .code(let max):
            return FormField.text(field.key, label: label, value: values[field.key], errors: errors, lang: lang, required: field.required, maxLength: max, hint: hint)
        }
    }
}
