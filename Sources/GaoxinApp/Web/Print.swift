import Plot

/// What a printed page leaves out, marked where the parts are built rather than page by page:
/// forms that change data together with their headings and hints (`FormField.section`), action
/// columns (`Print.actionHeading` / `Print.actionCell`, `ListColumn.action`), the list's search
/// and pager (`ListView`). The stylesheet's `@media print` rule hides `Print.hidden`, and by
/// element every `form`, button and `nav`, so every page prints the same way.
enum Print {
    /// The class the print stylesheet hides.
    static let hidden = "no-print"

    /// The heading of a column of edit links and buttons.
    static func actionHeading(_ title: String) -> Node<HTML.TableRowContext> {
        .th(.class("action-col " + hidden), .text(title))
    }

    /// A cell of that column.
    static func actionCell(_ nodes: Node<HTML.BodyContext>...) -> Node<HTML.TableRowContext> {
        .td(.class("action-col " + hidden), .group(nodes))
    }
}
