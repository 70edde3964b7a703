import Fluent

/// 区域指标体系 (issue 14): the indicators, their yearly targets and the entered values, each a
/// declared register. Decimal figures are whole hundredths (`RegisterFieldKind.decimal`).
struct M0047_CreateZoneKpis: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("zone_kpis", on: database, unique: ["code", "name"], indexed: ["category", "source"]) {
            $0.field("code", .string, .required)
                .field("name", .string, .required)
                .field("category", .string, .required)
                .field("measure", .string, .required)
                .field("source", .string, .required)
                .field("cumulative", .bool, .required)
                .field("lower_is_better", .bool)
                .field("note", .string)
        }
        try await RegisterTable.create("zone_kpi_targets", on: database, unique: ["code"], indexed: ["kpi_id", "year"]) {
            $0.field("code", .string, .required)
                .field("kpi_id", .int64, .required, .references("zone_kpis", "id"))
                .field("year", .int64, .required)
                .field("target", .int64, .required)
                .field("note", .string)
        }
        try await RegisterTable.create("zone_kpi_values", on: database, unique: ["code"], indexed: ["kpi_id", "year"]) {
            $0.field("code", .string, .required)
                .field("kpi_id", .int64, .required, .references("zone_kpis", "id"))
                .field("year", .int64, .required)
                .field("value", .int64, .required)
                .field("basis", .string)
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("zone_kpi_values").delete()
        try await database.schema("zone_kpi_targets").delete()
        try await database.schema("zone_kpis").delete()
    }
}
