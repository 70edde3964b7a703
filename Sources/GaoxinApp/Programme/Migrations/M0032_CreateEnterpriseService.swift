import Fluent

/// The enterprise service file (SPEC §2.3): liaison officials (one per enterprise), visits and
/// one-enterprise-one-policy service items, each a declared register.
struct M0032_CreateEnterpriseService: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("enterprise_liaisons", on: database, unique: ["enterprise_id"], indexed: ["owning_unit_id"]) {
            $0.field("official", .string, .required)
                .field("enterprise_id", .int64, .required, .references("enterprises", "id"))
                .field("position", .string)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("contact_person", .string)
                .field("phone", .string)
                .field("since", .string)
                .field("note", .string)
        }
        try await RegisterTable.create("enterprise_visits", on: database, unique: ["code"], indexed: ["enterprise_id", "owning_unit_id", "visited_on"]) {
            $0.field("code", .string, .required)
                .field("subject", .string, .required)
                .field("enterprise_id", .int64, .required, .references("enterprises", "id"))
                .field("visited_on", .string, .required)
                .field("visitors", .string, .required)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("content", .string, .required)
                .field("follow_up", .string)
                .field("follow_up_by", .string)
        }
        try await RegisterTable.create("service_items", on: database, unique: ["code"], indexed: ["enterprise_id", "owning_unit_id", "due_on", "status"]) {
            $0.field("code", .string, .required)
                .field("title", .string, .required)
                .field("enterprise_id", .int64, .required, .references("enterprises", "id"))
                .field("request", .string)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("due_on", .string, .required)
                .field("status", .string, .required)
                .field("done_on", .string)
                .field("result", .string)
        }
    }

    func revert(on database: Database) async throws {
        for table in ["service_items", "enterprise_visits", "enterprise_liaisons"] { try await database.schema(table).delete() }
    }
}
