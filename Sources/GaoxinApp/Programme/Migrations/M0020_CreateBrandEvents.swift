import Fluent

/// The brand event register (品牌活动, one per industry per year).
struct M0020_CreateBrandEvents: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("brand_events", on: database, unique: ["name"], indexed: ["organiser_id", "cluster_id", "held_on"]) {
            $0.field("name", .string, .required)
                .field("held_on", .string, .required)
                .field("organiser_id", .int64, .required, .references("units", "id"))
                .field("cluster_id", .int64, .references("clusters", "id"))
                .field("venue", .string)
                .field("attendance", .int64)
                .field("summary", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("brand_events").delete()
    }
}
