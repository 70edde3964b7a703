import Fluent
import SQLKit

/// The zone's own target metrics (`targetMetrics`), each unit's goal for them per year
/// (`targetMetricGoals`, one per unit, metric and year — the partial unique index backs the check
/// against two writers at once) and what the units report (`targetMetricReports`, read per
/// metric and year for the progress); and the talents line of the target list, whose progress is
/// counted from the talent register.
struct M0040_CreateTargetMetrics: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("target_metrics", on: database, unique: ["code", "name"]) {
            $0.field("code", .string, .required)
                .field("name", .string, .required)
                .field("measure", .string, .required)
                .field("note", .string)
        }
        try await RegisterTable.create("target_metric_goals", on: database, unique: ["code"], indexed: ["metric_id", "owning_unit_id", "year"]) {
            $0.field("code", .string, .required)
                .field("metric_id", .int64, .required, .references("target_metrics", "id"))
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("year", .int64, .required)
                .field("goal", .int64, .required)
                .field("note", .string)
        }
        try await RegisterTable.create("target_metric_reports", on: database, unique: ["code"], indexed: ["metric_id", "owning_unit_id", "achieved_on"]) {
            $0.field("code", .string, .required)
                .field("content", .string, .required)
                .field("metric_id", .int64, .required, .references("target_metrics", "id"))
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("achieved_on", .string, .required)
                .field("amount", .int64, .required)
                .field("note", .string)
        }
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE UNIQUE INDEX target_metric_goals_unit_metric_year ON target_metric_goals (owning_unit_id, metric_id, year) WHERE active").run()
        try await sql.raw("CREATE INDEX target_metric_reports_metric_day ON target_metric_reports (metric_id, achieved_on)").run()
        try await sql.raw("ALTER TABLE attraction_targets ADD COLUMN talents_introduced BIGINT").run()
    }

    func revert(on database: Database) async throws {
        for table in ["target_metric_reports", "target_metric_goals", "target_metrics"] { try await database.schema(table).delete() }
        try await (database as! any SQLDatabase).raw("ALTER TABLE attraction_targets DROP COLUMN talents_introduced").run()
    }
}
