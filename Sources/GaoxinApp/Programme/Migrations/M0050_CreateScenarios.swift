import Fluent
import SQLKit

/// Application scenarios and their applications (issue 15), declared registers; a lead keeps the
/// scenario application it came from; the public pages' throttle counts hits per address. The
/// public pages read open scenarios by deadline.
struct M0050_CreateScenarios: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await RegisterTable.create("scenarios", on: database, unique: ["code"], indexed: ["owning_unit_id", "cluster_id", "deadline"]) {
            $0.field("code", .string, .required)
                .field("title", .string, .required)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("cluster_id", .int64, .references("clusters", "id"))
                .field("need", .string, .required)
                .field("budget", .int64)
                .field("published_on", .string)
                .field("deadline", .string, .required)
                .field("status", .string, .required)
                .field("public_contact", .string)
                .field("evaluation_score", .int64)
                .field("evaluation", .string)
                .field("note", .string)
        }
        try await sql.raw("CREATE INDEX scenarios_public ON scenarios (status, deadline) WHERE active").run()
        try await RegisterTable.create("scenario_applications", on: database, unique: ["code"], indexed: ["scenario_id", "credit_code"]) {
            $0.field("code", .string, .required)
                .field("scenario_id", .int64, .required, .references("scenarios", "id"))
                .field("company_name", .string, .required)
                .field("credit_code", .string, .required)
                .field("contact_name", .string, .required)
                .field("contact_phone", .string, .required)
                .field("email", .string)
                .field("proposal", .string, .required)
                .field("status", .string, .required)
                .field("review_note", .string)
                .field("from_public", .bool)
        }
        try await database.schema("leads").field("scenario_application_id", .int64, .references("scenario_applications", "id")).update()
        try await sql.raw("CREATE UNIQUE INDEX leads_scenario_application_id_unique ON leads (scenario_application_id) WHERE active").run()
        // The public pages' throttle: hits per address and window (`PublicRateLimit`).
        try await database.schema("public_hits")
            .field("scope", .string, .required)
            .field("address", .string, .required)
            .field("window_start", .int64, .required)
            .field("hits", .int64, .required)
            .unique(on: "scope", "address", "window_start")
            .create()
        try await sql.raw("CREATE INDEX public_hits_window ON public_hits (window_start)").run()
        // A key no client sees, for signing what public forms carry (`PublicFormStamp`); made on first use.
        try await database.schema("server_secrets")
            .field("name", .string, .identifier(auto: false))
            .field("value", .string, .required)
            .create()
        // One application per credit code and scenario, also against two posts at the same moment.
        try await sql.raw("CREATE UNIQUE INDEX scenario_applications_once ON scenario_applications (scenario_id, credit_code) WHERE active").run()
    }

    func revert(on database: Database) async throws {
        try await database.schema("server_secrets").delete()
        try await database.schema("public_hits").delete()
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX leads_scenario_application_id_unique").run()
        try await database.schema("leads").deleteField("scenario_application_id").update()
        try await database.schema("scenario_applications").delete()
        try await database.schema("scenarios").delete()
    }
}
