import Fluent
import SQLKit

/// Measured at province scale (BENCHMARKS.md, issue 13): target progress joins each unit's
/// projects of one signing year — without (owning_unit_id, signed_on) SQLite walked the year's
/// 36,000 projects once per target (3.8 s for 70 lists; 87 ms with it); a lead's last activity is
/// one index seek with (lead_id, active, occurred_on).
struct M0036_UpdateAttractionIndexes: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX projects_unit_signed ON projects (owning_unit_id, signed_on)").run()
        try await sql.raw("CREATE INDEX lead_activities_lead_day ON lead_activities (lead_id, active, occurred_on)").run()
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX projects_unit_signed").run()
        try await sql.raw("DROP INDEX lead_activities_lead_day").run()
    }
}
