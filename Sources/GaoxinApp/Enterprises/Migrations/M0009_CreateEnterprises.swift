import Fluent
import SQLKit

/// The enterprise register and its monthly indicators (SPEC §2.3).
struct M0009_CreateEnterprises: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("enterprises")
            .field("id", .int64, .identifier(auto: true))
            .field("credit_code", .string, .required)
            .field("name", .string, .required)
            .field("industry_code", .string, .required)
            .field("unit_id", .int64, .required, .references("units", "id"))
            .field("above_scale", .bool, .required)
            .field("tier", .string)
            .field("address", .string)
            .field("active", .bool, .required)
            .field("note", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "credit_code")
            .create()
        try await database.schema("enterprise_indicators")
            .field("id", .int64, .identifier(auto: true))
            .field("enterprise_id", .int64, .required, .references("enterprises", "id"))
            .field("period", .string, .required)
            .field("revenue", .int64)
            .field("output_value", .int64)
            .field("tax", .int64)
            .field("rd_expense", .int64)
            .field("employees", .int64)
            .field("invention_patents", .int64)
            .field("updated_at", .datetime)
            .unique(on: "enterprise_id", "period")
            .create()
        let sql = database as! any SQLDatabase
        // Lists filter by unit and industry; the complexity matrix sums a year's months by period.
        try await sql.raw("CREATE INDEX enterprises_unit ON enterprises (unit_id)").run()
        try await sql.raw("CREATE INDEX enterprises_industry ON enterprises (industry_code)").run()
        try await sql.raw("CREATE INDEX enterprises_name ON enterprises (name)").run()
        try await sql.raw("CREATE INDEX enterprise_indicators_period ON enterprise_indicators (period, enterprise_id)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("enterprise_indicators").delete()
        try await database.schema("enterprises").delete()
    }
}
