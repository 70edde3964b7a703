import Fluent

/// Certified attraction staff (招商专员认证).
struct M0022_CreateCertifiedStaff: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("certified_staff", on: database, unique: ["certificate_number"], indexed: ["unit_id", "expires_on"]) {
            $0.field("certificate_number", .string, .required)
                .field("name", .string, .required)
                .field("unit_id", .int64, .required, .references("units", "id"))
                .field("level", .string, .required)
                .field("issued_on", .string, .required)
                .field("expires_on", .string, .required)
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("certified_staff").delete()
    }
}
