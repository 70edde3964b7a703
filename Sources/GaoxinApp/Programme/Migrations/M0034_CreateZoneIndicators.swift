import Fluent
import SQLKit

/// Zone-defined indicators (a declared register) and their monthly values per enterprise.
struct M0034_CreateZoneIndicators: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("zone_indicators", on: database, unique: ["code", "name"], indexed: ["kind"]) {
            $0.field("code", .string, .required)
                .field("name", .string, .required)
                .field("unit", .string, .required)
                .field("kind", .string, .required)
                .field("note", .string)
        }
        try await database.schema("enterprise_custom_figures")
            .field("id", .int64, .identifier(auto: true))
            .field("enterprise_id", .int64, .required, .references("enterprises", "id"))
            .field("indicator_id", .int64, .required, .references("zone_indicators", "id"))
            .field("period", .string, .required)
            .field("value", .int64, .required)
            .field("updated_at", .datetime)
            .unique(on: "enterprise_id", "indicator_id", "period")
            .create()
        try await (database as! any SQLDatabase).raw("CREATE INDEX enterprise_custom_figures_indicator ON enterprise_custom_figures (indicator_id, period)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("enterprise_custom_figures").delete()
        try await database.schema("zone_indicators").delete()
    }
}
