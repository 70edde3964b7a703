import GaoxinDomain
import SQLKit

/// The board's reads, each bounded by what it shows rather than by the leads there are: the
/// counts per stage, then for each column its first `LeadPages.cardsPerColumn` cards by next step
/// (those without a next step last, by id) — a LIMIT query per column.
///
/// Which index serves a column depends on how many of the stage's leads the board's units hold,
/// and the counts say it: a unit with few leads is read from `leads_unit_board` alone (unit,
/// stage, active, day, id) — its entries of the stage are ranked there and only the column's
/// cards are looked up in the table (at most `sortedAtMost` entries ranked); a unit with many —
/// or the whole zone — walks the stage in next-step order (`leads_board`) and stops after a
/// column's worth, visiting about cards × stage ÷ held rows. The other index is kept out of the
/// planner's reach by writing its column as an expression (`stage || ''`, `owning_unit_id + 0`,
/// `next_step_on || ''`), which both engines accept.
enum LeadBoardQuery {
    static let sortedAtMost = 2_000

    static func counts(scope unitID: Int?, on sql: any SQLDatabase) async throws -> [LeadStage: Int] {
        var counts: [LeadStage: Int] = [:]
        for row in try await sql.raw(countsQuery(scope: unitID)).all() {
            guard let stage = LeadStage(rawValue: try row.decode(column: "stage", as: String.self)) else { continue }
            counts[stage] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// With a unit, its entries of `leads_unit_board` are counted, not every lead of each stage walked.
    static func countsQuery(scope unitID: Int?) -> SQLQueryString {
        unitID.map {
            "SELECT l.stage || '' AS stage, COUNT(*) AS n FROM leads l WHERE l.active = \(bind: true) AND l.owning_unit_id IN (\(ListFilter.subtreeUnitIDs(String($0)))) GROUP BY l.stage || ''"
        } ?? "SELECT l.stage, COUNT(*) AS n FROM leads l WHERE l.active = \(bind: true) GROUP BY l.stage"
    }

    static func cards(_ stage: LeadStage, held: Int, scope unitID: Int?, limit: Int, on sql: any SQLDatabase) async throws -> [LeadPages.Card] {
        guard held > 0 else { return [] }
        let throughUnits = unitID != nil && held <= sortedAtMost
        func page(dated: Bool, _ count: Int) async throws -> [LeadPages.Card] {
            let ids = columnIDs(stage, scope: unitID, throughUnits: throughUnits, dated: dated, limit: count)
            return try await sql.raw("""
                SELECT l.id, l.code, l.company_name, l.estimated_investment, l.next_step, l.next_step_on, u.name AS team
                FROM leads l JOIN units u ON u.id = l.owning_unit_id
                WHERE l.id IN (\(ids))
                ORDER BY \(unsafeRaw: dated ? "l.next_step_on, l.id" : "l.id")
                """).all().map { row in
                LeadPages.Card(id: try row.decode(column: "id", as: Int.self), code: try row.decode(column: "code", as: String.self),
                               company: try row.decode(column: "company_name", as: String.self), team: try row.decode(column: "team", as: String.self),
                               investment: try row.decode(column: "estimated_investment", as: Int64?.self),
                               nextStep: try row.decode(column: "next_step", as: String?.self),
                               nextStepOn: try row.decode(column: "next_step_on", as: String?.self), stage: stage)
            }
        }
        var cards = try await page(dated: true, limit)
        if cards.count < min(limit, held) {
            cards += try await page(dated: false, limit - cards.count)
        }
        return cards
    }

    /// The ids of a column's first cards — with a next step (by day, then id) or without (by id) —
    /// read from one index: the unit's (`throughUnits`) or the stage's walk in next-step order.
    static func columnIDs(_ stage: LeadStage, scope unitID: Int?, throughUnits: Bool, dated: Bool, limit: Int) -> SQLQueryString {
        var conditions: SQLQueryString = throughUnits ? "l.stage || '' = \(bind: stage.rawValue)" : "l.stage = \(bind: stage.rawValue)"
        if let unitID {
            let subtree = ListFilter.subtreeUnitIDs(String(unitID))
            conditions = throughUnits ? "\(conditions) AND l.owning_unit_id IN (\(subtree))" : "\(conditions) AND l.owning_unit_id + 0 IN (\(subtree))"
        }
        // Through the unit index the day is an expression too, or the planner walks every lead by day.
        let day = throughUnits ? "(l.next_step_on || '')" : "l.next_step_on"
        let nextStep = dated ? "\(day) IS NOT NULL" : "\(day) IS NULL"
        let order = dated ? "\(day), l.id" : "l.id"
        return "SELECT l.id FROM leads l WHERE l.active = \(bind: true) AND \(conditions) AND \(unsafeRaw: nextStep) ORDER BY \(unsafeRaw: order) LIMIT \(bind: limit)"
    }
}
