import GaoxinDomain
import Plot
import SQLKit

/// A lead's timeline (SPEC §2.4): every activity on it, newest first — the day, how, who took part,
/// what was said, and the next step with its day — in one indexed query (`lead_activities` by
/// `lead_id`). The generic "records pointing here" panel names only the first ten; a team reading
/// a lead needs what was said.
struct LeadTimeline: Sendable {
    struct Entry: Sendable {
        let id: Int
        let day: String
        let kind: String
        let subject: String
        let people: String
        let content: String?
        let nextStep: String?
        let nextStepOn: String?
    }

    /// Drawn at most; the activities list (filtered to the lead) holds the rest.
    static let shown = 100

    let lead: Int
    let entries: [Entry]
    let total: Int

    static func load(lead: Int, on sql: any SQLDatabase) async throws -> LeadTimeline {
        let rows = try await sql.raw("""
            SELECT id, occurred_on, kind, subject, people, content, next_step, next_step_on FROM lead_activities
            WHERE lead_id = \(bind: lead) AND active = \(bind: true) ORDER BY occurred_on DESC, id DESC LIMIT \(unsafeRaw: String(shown + 1))
            """).all()
        let entries = try rows.map { row in
            Entry(id: try row.decode(column: "id", as: Int.self), day: try row.decode(column: "occurred_on", as: String.self),
                  kind: try row.decode(column: "kind", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                  people: try row.decode(column: "people", as: String.self), content: try row.decode(column: "content", as: String?.self),
                  nextStep: try row.decode(column: "next_step", as: String?.self), nextStepOn: try row.decode(column: "next_step_on", as: String?.self))
        }
        var total = entries.count
        if entries.count > shown {
            total = try await sql.raw("SELECT COUNT(*) AS n FROM lead_activities WHERE lead_id = \(bind: lead) AND active = \(bind: true)")
                .first(decodingColumn: "n", as: Int.self) ?? total
        }
        return LeadTimeline(lead: lead, entries: Array(entries.prefix(shown)), total: total)
    }

    func draw(_ context: PageContext) -> Node<HTML.BodyContext> {
        let activities = RegisterDeclaration.leadActivities
        let kinds = activities.choices("kind")
        return .section(.class("lead-timeline"),
            .h2(.text(context.t("跟进记录（\(total) 条）", "Activities (\(total))"))),
            .if(entries.isEmpty, .p(.class("muted"), .text(context.t("还没有跟进记录。", "No activity yet.")))),
            .ol(.class("timeline"), .forEach(entries) { entry in
                .li(
                    .p(.strong(.text(entry.day)), .text(" · " + (kinds[entry.kind].map { context.t($0.zh, $0.en) } ?? entry.kind) + " · "),
                       .a(.href(activities.path(entry.id)), .text(entry.subject))),
                    .p(.class("muted"), .text(context.t("参与人员：", "People: ") + entry.people)),
                    .unwrap(entry.content) { .p(.class("prose"), .text($0)) },
                    .unwrap(entry.nextStep) { step in
                        .p(.text(context.t("下一步：", "Next: ") + step + (entry.nextStepOn.map { context.t("（\($0)）", " (\($0))") } ?? "")))
                    }
                )
            }),
            .if(total > entries.count, .p(.a(.href(activities.path + "?leadId=\(lead)"),
                                             .text(context.t("查看全部 \(total) 条跟进记录", "All \(total) activities")))))
        )
    }
}
