import GaoxinDomain
import Plot

/// Form building blocks: each field shows its label, its current value and, beside it, the
/// Chinese (or English) message of its validation failure.
enum FormField {
    static func error<C: HTML.BodyContext>(_ field: String, _ errors: [FieldError], _ lang: UILanguage) -> Node<C> {
        .forEach(errors.filter { $0.field == field }) { error in
            .span(.class("field-error"), .id("\(field)-error"), .text(lang.t(error.messageZh, error.messageEn)))
        }
    }

    static func text<C: HTML.BodyContext>(_ name: String, label: String, value: String?, errors: [FieldError], lang: UILanguage,
                                           required: Bool = false, type: HTMLInputType = .text, maxLength: Int = 200,
                                           hint: String? = nil) -> Node<C> {
        let hasError = errors.contains { $0.field == name }
        return .div(
            .class(hasError ? "field invalid" : "field"),
            .label(.for(name), .text(label), .if(required, .span(.class("req"), .text(" *")))),
            .input(.type(type), .id(name), .name(name), .value((value ?? "").escapedForAttribute),
                   .attribute(named: "maxlength", value: "\(maxLength)"),
                   .attribute(named: "aria-invalid", value: hasError ? "true" : nil)),
            .unwrap(hint) { .span(.class("hint"), .text($0)) },
            error(name, errors, lang)
        )
    }

    /// `errorKey`: the field whose errors stand here, when the textarea posts under another name.
    static func textarea<C: HTML.BodyContext>(_ name: String, label: String, value: String?, errors: [FieldError], errorKey: String? = nil,
                                               lang: UILanguage, hint: String? = nil) -> Node<C> {
        let field = errorKey ?? name
        return .div(
            .class(errors.contains { $0.field == field } ? "field invalid" : "field"),
            .label(.for(name), .text(label)),
            .textarea(.id(name), .name(name), .rows(3), .text(value ?? "")),
            .unwrap(hint) { .span(.class("hint"), .text($0)) },
            error(field, errors, lang)
        )
    }

    struct Option {
        let value: String
        let label: String
    }

    static func select<C: HTML.BodyContext>(_ name: String, label: String, options: [Option], selected: String?, errors: [FieldError],
                                             lang: UILanguage, required: Bool = false, blank: String? = nil, hint: String? = nil) -> Node<C> {
        .div(
            .class(errors.contains { $0.field == name } ? "field invalid" : "field"),
            .label(.for(name), .text(label), .if(required, .span(.class("req"), .text(" *")))),
            .select(
                .id(name), .attribute(named: "name", value: name),
                .unwrap(blank) { option("", $0, selected: false) },
                .forEach(options) { option($0.value, $0.label, selected: $0.value == selected) }
            ),
            .unwrap(hint) { .span(.class("hint"), .text($0)) },
            error(name, errors, lang)
        )
    }

    /// One yes/no box; checked sends `1`, unchecked sends nothing.
    static func checkbox<C: HTML.BodyContext>(_ name: String, label: String, checked: Bool, errors: [FieldError], lang: UILanguage) -> Node<C> {
        .div(
            .class(errors.contains { $0.field == name } ? "field invalid" : "field"),
            .label(.input(.type(.checkbox), .id(name), .name(name), .value("1"), .checked(checked)), .text(" " + label)),
            error(name, errors, lang)
        )
    }

    /// Several boxes under one label; `required` marks the group as needing at least one ticked.
    static func checkboxes<C: HTML.BodyContext>(_ name: String, label: String, options: [Option], checked: Set<String>,
                                                 errors: [FieldError], lang: UILanguage, required: Bool = false) -> Node<C> {
        .div(
            .class(errors.contains { $0.field == name } ? "field invalid" : "field"),
            .span(.class("label"), .text(label), .if(required, .span(.class("req"), .text(" *")))),
            .div(.class("checks"), .forEach(options) { option in
                .label(.input(.type(.checkbox), .name(name + "[]"), .value(option.value.escapedForAttribute), .checked(checked.contains(option.value))),
                       .text(" " + option.label))
            }),
            error(name, errors, lang)
        )
    }

    /// Plot's `option` takes attributes only; the visible text needs the element form.
    static func option(_ value: String, _ label: String, selected: Bool) -> Node<HTML.SelectContext> {
        .element(named: "option", nodes: [
            // Kept even when empty: a valueless option would submit its visible text instead.
            .attribute(named: "value", value: value.escapedForAttribute, ignoreIfValueIsEmpty: false),
            .attribute(named: "selected", value: selected ? "selected" : nil),
            .text(label),
        ])
    }

    /// A form that changes data, with its heading (and any hint or error summary) as one block:
    /// hidden in print, so a printed page keeps no heading whose form is gone.
    static func section(_ heading: String, level: Int = 3, _ nodes: Node<HTML.BodyContext>...) -> Node<HTML.BodyContext> {
        .section(.class("form-section " + Print.hidden), level == 2 ? .h2(.text(heading)) : .h3(.text(heading)), .group(nodes))
    }

    /// Errors that belong to no visible field (e.g. a conflict) shown above the form.
    static func summary<C: HTML.BodyContext>(_ errors: [FieldError], lang: UILanguage) -> Node<C> {
        .if(!errors.isEmpty, .div(
            .class("form-errors"), .attribute(named: "role", value: "alert"),
            .p(.text(lang.t("提交的内容有 \(errors.count) 处需要修改：", "Please correct \(errors.count) problem(s):"))),
            .ul(.forEach(errors) { .li(.text(lang.t($0.messageZh, $0.messageEn))) })
        ))
    }
}
