import Fluent

/// 考核 (issue 14): the year's items with their formulas (a declared register), and each year's
/// result frozen when its December is closed.
struct M0046_CreateAssessment: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("assessment_items", on: database, unique: ["code"], indexed: ["year"]) {
            $0.field("code", .string, .required)
                .field("year", .int64, .required)
                .field("name", .string, .required)
                .field("formula", .string, .required)
                .field("note", .string)
        }
        try await database.schema("assessment_results")
            .field("id", .int64, .identifier(auto: true))
            .field("year", .int64, .required)
            .field("content_json", .string, .required)
            .field("frozen_at", .datetime, .required)
            .field("user_name", .string, .required)
            .unique(on: "year")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("assessment_results").delete()
        try await database.schema("assessment_items").delete()
    }
}
