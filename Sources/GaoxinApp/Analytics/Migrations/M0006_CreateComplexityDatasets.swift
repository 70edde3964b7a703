import Fluent
import SQLKit

/// Uploaded matrices for the economic-complexity analysis (issue 4), one row per observation.
struct M0006_CreateComplexityDatasets: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("complexity_datasets")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("measure", .string, .required)
            .field("row_count", .int, .required)
            .field("years", .string, .required)
            .field("created_by", .int64, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("complexity_observations")
            .field("id", .int64, .identifier(auto: true))
            .field("dataset_id", .int64, .required, .references("complexity_datasets", "id"))
            .field("year", .string, .required)
            .field("loc", .string, .required)
            .field("prod", .string, .required)
            .field("val", .double, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE UNIQUE INDEX complexity_observations_key ON complexity_observations (dataset_id, year, loc, prod)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("complexity_observations").delete()
        try await database.schema("complexity_datasets").delete()
    }
}
