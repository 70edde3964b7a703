import Fluent
import SQLKit

/// A team's board (`LeadBoardQuery`): its counts per stage and each column's first cards read
/// from this index alone — the unit's entries, their stage, day and id — and only the cards drawn
/// are looked up in the table. Through the plain unit index a team of 4,000 leads cost 21,000
/// table lookups a board (the counts, then every lead again for each of four columns).
struct M0043_CreateLeadUnitBoardIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE INDEX leads_unit_board ON leads (owning_unit_id, stage, active, next_step_on, id)").run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX leads_unit_board").run()
    }
}
