import Fluent
import SQLKit

/// Parks, their tenants, yearly statistics and recognition standards, spaces and space needs
/// (issue 15), each a declared register. Matching filters spaces by kind and status and ranges
/// over area, so those lead the index.
struct M0049_CreateParks: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("parks", on: database, unique: ["name"], indexed: ["owning_unit_id", "kind", "level", "lead_industry"]) {
            $0.field("name", .string, .required)
                .field("kind", .string, .required)
                .field("level", .string, .required)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("board_id", .int64, .references("units", "id"))
                .field("lead_industry", .string, .required)
                .field("second_industry", .string)
                .field("third_industry", .string)
                .field("address", .string)
                .field("land_area", .int64)
                .field("floor_area", .int64)
                .field("liaison_leader", .string)
                .field("public_contact", .string)
                .field("recognized_on", .string)
                .field("longitude", .int64)
                .field("latitude", .int64)
                .field("note", .string)
        }
        try await RegisterTable.create("park_tenants", on: database, unique: ["code", "enterprise_id"], indexed: ["park_id"]) {
            $0.field("code", .string, .required)
                .field("enterprise_id", .int64, .required, .references("enterprises", "id"))
                .field("park_id", .int64, .required, .references("parks", "id"))
                .field("moved_in_on", .string)
                .field("incubated", .bool)
                .field("location", .string)
                .field("note", .string)
        }
        try await RegisterTable.create("park_statistics", on: database, unique: ["code"], indexed: ["park_id", "year"]) {
            $0.field("code", .string, .required)
                .field("park_id", .int64, .required, .references("parks", "id"))
                .field("year", .int64, .required)
            for column in ["enterprises", "above_scale_enterprises", "high_tech_enterprises", "revenue", "lead_industry_revenue", "tax", "rd_spending",
                           "employees", "usable_area", "occupied_area", "provincial_platforms", "incubated", "graduated", "occupancy_rate", "lead_industry_share"] {
                _ = $0.field(FieldKey(stringLiteral: column), .int64)
            }
            return $0.field("review_status", .string)
                .field("review_note", .string)
                .field("note", .string)
        }
        try await RegisterTable.create("park_standards", on: database, unique: ["name"], indexed: ["park_kind"]) {
            $0.field("name", .string, .required)
                .field("park_kind", .string, .required)
                .field("pass_mark", .int64, .required)
                .field("effective_year", .int64, .required)
                .field("note", .string)
        }
        try await RegisterTable.create("park_criteria", on: database, unique: ["code"], indexed: ["standard_id"]) {
            $0.field("code", .string, .required)
                .field("name", .string, .required)
                .field("standard_id", .int64, .required, .references("park_standards", "id"))
                .field("statistic", .string, .required)
                .field("threshold", .int64, .required)
                .field("weight", .int64, .required)
                .field("required", .bool)
                .field("note", .string)
        }
        try await RegisterTable.create("spaces", on: database, unique: ["code"], indexed: ["park_id", "confirmed_until", "available_from"]) {
            $0.field("code", .string, .required)
                .field("name", .string, .required)
                .field("park_id", .int64, .required, .references("parks", "id"))
                .field("kind", .string, .required)
                .field("area", .int64, .required)
                .field("area_mu", .int64)
                .field("floor_load", .int64)
                .field("clear_height", .int64)
                .field("power_capacity", .int64)
                .field("rent", .int64)
                .field("sale_price", .int64)
                .field("available_from", .string)
                .field("status", .string, .required)
                .field("confirmed_until", .string)
                .field("note", .string)
        }
        let sql = database as! any SQLDatabase
        // Matching and the public page: spaces on offer of one kind, by area.
        try await sql.raw("CREATE INDEX spaces_offer ON spaces (kind, status, area) WHERE active").run()
        // The public list of every kind, by area.
        try await sql.raw("CREATE INDEX spaces_public ON spaces (status, area) WHERE active").run()
        try await RegisterTable.create("space_needs", on: database, unique: ["code"], indexed: ["project_id", "lead_id", "owning_unit_id"]) {
            $0.field("code", .string, .required)
                .field("name", .string, .required)
                .field("project_id", .int64, .references("projects", "id"))
                .field("lead_id", .int64, .references("leads", "id"))
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("kind", .string, .required)
                .field("area_min", .int64, .required)
                .field("area_max", .int64)
                .field("floor_load", .int64)
                .field("clear_height", .int64)
                .field("power_capacity", .int64)
                .field("industry", .string)
                .field("max_rent", .int64)
                .field("max_price", .int64)
                .field("needed_by", .string)
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        for table in ["space_needs", "spaces", "park_criteria", "park_standards", "park_statistics", "park_tenants", "parks"] {
            try await database.schema(table).delete()
        }
    }
}
