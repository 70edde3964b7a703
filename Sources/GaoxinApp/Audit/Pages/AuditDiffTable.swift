import Plot

/// The change an audit entry records, as a table "字段 | 修改前 | 修改后": a row per changed
/// field with its label in the page language, then the unchanged fields muted.
enum AuditDiffTable {
    static func render(_ context: PageContext, _ reading: AuditReading) -> Node<HTML.BodyContext> {
        let diff = reading.diff
        guard !diff.rows.isEmpty else {
            return .p(.class("empty"), .text(context.t("这条记录没有修改前后的快照。", "This entry has no before/after snapshot.")))
        }
        let lang = context.lang
        func row(_ field: AuditDiff.Row, muted: Bool) -> Node<HTML.TableContext> {
            .tr(.class(muted ? "hint" : ""),
                .th(.attribute(named: "scope", value: "row"), .text(reading.kind?.label(field.key, lang) ?? field.key)),
                .td(.text(field.before.text(lang))),
                .td(.text(field.after.text(lang))))
        }
        return .group(
            .h2(.text(context.t("修改内容", "Changes"))),
            .if(diff.changed.isEmpty, .p(.class("empty"), .text(context.t("没有字段改变。", "No field changed.")))),
            .div(.class("table-wrap"), .table(.class("audit-diff"),
                .thead(.tr(.th(.text(context.t("字段", "Field"))), .th(.text(context.t("修改前", "Before"))), .th(.text(context.t("修改后", "After"))))),
                .tbody(
                    .forEach(diff.changed) { row($0, muted: false) },
                    .forEach(diff.unchanged) { row($0, muted: true) }
                )
            ))
        )
    }
}
