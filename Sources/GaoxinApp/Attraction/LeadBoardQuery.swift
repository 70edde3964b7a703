import GaoxinDomain
import SQLKit

/// The board's reads, each bounded by what it shows rather than by the leads there are: the
/// counts per stage, then for each column its first `LeadPages.cardsPerColumn` cards by next step
/// (those without a next step last, by id) — a LIMIT query per column.
///
/// Which index serves a column depends on how many of the stage's leads the board's units hold,
/// and the counts say it: a unit with few leads reads them through the unit index and sorts them
/// (at most `sortedAtMost` rows); a unit with many — or the whole zone — walks the stage in
/// next-step order (`leads_board`) and stops after a column's worth, visiting about
/// cards × stage ÷ held rows. The other index is kept out of the planner's reach by writing its
/// column as an expression (`stage || ''`, `owning_unit_id + 0`, `next_step_on || ''`), which both
/// engines accept.
enum LeadBoardQuery {
    static let sortedAtMost = 2_000

    static func counts(scope unitID: Int?, on sql: any SQLDatabase) async throws -> [LeadStage: Int] {
        // With a unit, count its leads through the unit index, not by walking every lead of each stage.
        let query: SQLQueryString = unitID.map {
            "SELECT l.stage || '' AS stage, COUNT(*) AS n FROM leads l WHERE l.active = \(bind: true) AND l.owning_unit_id IN (\(ListFilter.subtreeUnitIDs(String($0)))) GROUP BY l.stage || ''"
        } ?? "SELECT l.stage, COUNT(*) AS n FROM leads l WHERE l.active = \(bind: true) GROUP BY l.stage"
        var counts: [LeadStage: Int] = [:]
        for row in try await sql.raw(query).all() {
            guard let stage = LeadStage(rawValue: try row.decode(column: "stage", as: String.self)) else { continue }
            counts[stage] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    static func cards(_ stage: LeadStage, held: Int, scope unitID: Int?, limit: Int, on sql: any SQLDatabase) async throws -> [LeadPages.Card] {
        guard held > 0 else { return [] }
        let throughUnits = unitID != nil && held <= sortedAtMost
        var conditions: SQLQueryString = throughUnits ? "l.stage || '' = \(bind: stage.rawValue)" : "l.stage = \(bind: stage.rawValue)"
        if let unitID {
            let subtree = ListFilter.subtreeUnitIDs(String(unitID))
            conditions = throughUnits ? "\(conditions) AND l.owning_unit_id IN (\(subtree))" : "\(conditions) AND l.owning_unit_id + 0 IN (\(subtree))"
        }
        // Through the unit index the day is an expression too, or the planner walks every lead by day.
        let day = throughUnits ? "(l.next_step_on || '')" : "l.next_step_on"
        func page(_ nextStep: SQLQueryString, _ order: SQLQueryString, _ count: Int) async throws -> [LeadPages.Card] {
            try await sql.raw("""
                SELECT l.id, l.code, l.company_name, l.estimated_investment, l.next_step, l.next_step_on, u.name AS team
                FROM leads l JOIN units u ON u.id = l.owning_unit_id
                WHERE l.active = \(bind: true) AND \(conditions) AND \(nextStep)
                ORDER BY \(order) LIMIT \(bind: count)
                """).all().map { row in
                LeadPages.Card(id: try row.decode(column: "id", as: Int.self), code: try row.decode(column: "code", as: String.self),
                               company: try row.decode(column: "company_name", as: String.self), team: try row.decode(column: "team", as: String.self),
                               investment: try row.decode(column: "estimated_investment", as: Int64?.self),
                               nextStep: try row.decode(column: "next_step", as: String?.self),
                               nextStepOn: try row.decode(column: "next_step_on", as: String?.self), stage: stage)
            }
        }
        var cards = try await page("\(unsafeRaw: day) IS NOT NULL", "\(unsafeRaw: day), l.id", limit)
        if cards.count < min(limit, held) {
            cards += try await page("\(unsafeRaw: day) IS NULL", "l.id", limit - cards.count)
        }
        return cards
    }
}
