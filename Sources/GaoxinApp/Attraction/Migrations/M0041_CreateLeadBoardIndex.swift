import Fluent
import SQLKit

/// The board's columns (`LeadBoardQuery`): a stage's first cards by next step, read in index
/// order and stopped after 50, instead of ranking every lead of the stage (the office's board of
/// a province: 3.2 s on SQLite ranking 240,000 leads). `active` sits before the day so the
/// board's per-stage counts of the whole zone read the index alone.
struct M0041_CreateLeadBoardIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE INDEX leads_board ON leads (stage, active, next_step_on, id)").run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX leads_board").run()
    }
}
