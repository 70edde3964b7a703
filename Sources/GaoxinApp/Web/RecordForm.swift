import GaoxinDomain
import Plot

/// The create/edit form a record's page draws, whatever the record: the title, the failures'
/// summary, a POST form with its CSRF token (validated on the server, so `novalidate`), the
/// record's own fields, then 保存 and 取消 back to `cancel`.
enum RecordForm {
    /// What a form is drawn from: the record being edited (nil for a new one), the values typed or
    /// stored, the choices of its reference field (a unit, a parent unit), the failures at their fields.
    struct Model<Values> {
        var recordID: Int?
        var values: Values
        var options: [FormField.Option]
        var errors: [FieldError]
    }

    static func page(_ context: PageContext, title: String, errors: [FieldError], action: String, cancel: String,
                     _ fields: Node<HTML.FormContext>...) -> HTML {
        Page.render(
            context, title: title,
            FormField.summary(errors, lang: context.lang),
            .form(
                .class("record"), .method(.post), .action(action), .novalidate(),
                Page.csrf(context),
                .group(fields),
                .div(.class("actions"),
                     .button(.type(.submit), .text(context.t("保存", "Save"))),
                     .a(.class("button secondary"), .href(cancel), .text(context.t("取消", "Cancel"))))
            )
        )
    }
}
