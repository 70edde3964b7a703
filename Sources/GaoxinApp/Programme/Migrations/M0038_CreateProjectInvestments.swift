import Fluent
import SQLKit

/// `project_investments` (`RegisterDeclaration.projectInvestments`): one row per project and year,
/// the plan, twelve months and the derived totals. The year's rows are read together for the
/// progress totals and the warning, hence (year, project_id); the unique index backs the
/// one-plan-per-year check against two writers at once.
struct M0038_CreateProjectInvestments: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("project_investments", on: database, unique: ["code"], indexed: ["project_id"]) { builder in
            var builder = builder.field("code", .string, .required)
                .field("project_id", .int64, .required, .references("projects", "id"))
                .field("year", .int64, .required)
                .field("planned_amount", .int64, .required)
            for month in ProjectInvestmentMonths.all { builder = builder.field(.string(month.key), .int64) }
            return builder.field("completed_amount", .int64)
                .field("reported_through", .int64)
                .field("completion_percent", .int64)
                .field("note", .string)
        }
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE UNIQUE INDEX project_investments_year_project ON project_investments (year, project_id) WHERE active").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("project_investments").delete()
    }
}
