/// One audit row as a person reads it: its snapshots parsed once, the kind of record in the page
/// language, the record's name (derived from what the row already holds — no query per row, and
/// old rows read the same way) and the summary in the page language.
struct AuditReading {
    let row: AuditQueries.Row
    let kind: AuditEntityKind?
    let before: [String: AuditJSON]?
    let after: [String: AuditJSON]?

    init(_ row: AuditQueries.Row) {
        self.row = row
        kind = AuditEntityKind.find(row.entity)
        before = AuditJSON.object(row.beforeJson)
        after = AuditJSON.object(row.afterJson)
    }

    var action: AuditLog.Action? { AuditLog.Action(rawValue: row.action) }

    func kindLabel(_ lang: UILanguage) -> String { kind.map { lang.t($0.zh, $0.en) } ?? row.entity }

    /// "企业 无锡华润微电子有限公司"; the id only when nothing in the row names the record.
    func object(_ lang: UILanguage) -> String { kindLabel(lang) + " " + (name(lang) ?? "#" + row.entityId) }

    /// The stored (Chinese) summary, or in English one built from the action, the kind and the name.
    func summary(_ lang: UILanguage) -> String { lang == .zh ? row.summary : englishSummary }

    /// Field-by-field change in the kind's declared order.
    var diff: AuditDiff { AuditDiff(before: before, after: after, order: kind?.fields.map(\.key) ?? []) }

    /// A text field of the snapshot: the state after the change, or before it for a deletion.
    func snapshot(_ key: String) -> String? { after?[key]?.string ?? before?[key]?.string }

    /// The first name the summary quotes (“…”): rows without a snapshot still name their record.
    var quotedName: String? {
        guard let open = row.summary.firstIndex(of: "“"), let close = row.summary[open...].firstIndex(of: "”") else { return nil }
        let name = row.summary[row.summary.index(after: open)..<close]
        return name.isEmpty ? nil : String(name)
    }
}
