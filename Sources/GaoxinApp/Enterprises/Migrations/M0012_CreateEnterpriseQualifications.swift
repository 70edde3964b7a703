import Fluent
import SQLKit

/// Enterprises' recognitions (SPEC §2.3: qualifications with dates).
struct M0012_CreateEnterpriseQualifications: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await database.schema("enterprise_qualifications")
            .field("id", .int64, .identifier(auto: true))
            .field("enterprise_id", .int64, .required, .references("enterprises", "id"))
            .field("kind", .string, .required)
            .field("granted_on", .string, .required)
            .field("expires_on", .string)
            .field("note", .string)
            .field("created_at", .datetime)
            .unique(on: "enterprise_id", "kind", "granted_on")
            .create()
        // The list filter asks "which enterprises hold this kind now".
        try await (database as! any SQLDatabase).raw("CREATE INDEX enterprise_qualifications_kind ON enterprise_qualifications (kind, enterprise_id)").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("enterprise_qualifications").delete()
    }
}
