import Fluent
import SQLKit

/// Attraction and projects (issue 13): lead sources, leads and their activities, projects with
/// their stage history, patrols, obstacles and the yearly target lists — each a declared register
/// but the stage history, which only the project's stage form writes.
struct M0035_CreateAttractionAndProjects: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await RegisterTable.create("lead_sources", on: database, unique: ["name"]) {
            $0.field("name", .string, .required).field("note", .string)
        }
        try await RegisterTable.create("leads", on: database, unique: ["code"],
                                       indexed: ["owning_unit_id", "stage", "next_step_on", "company_key", "credit_code", "source_id", "chain_node_id"]) {
            $0.field("code", .string, .required)
                .field("company_name", .string, .required)
                .field("credit_code", .string)
                .field("enterprise_id", .int64, .references("enterprises", "id"))
                .field("target_company_id", .int64, .references("target_companies", "id"))
                .field("chain_node_id", .int64, .references("chain_nodes", "id"))
                .field("source_id", .int64, .required, .references("lead_sources", "id"))
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("estimated_investment", .int64)
                .field("contacts", .string)
                .field("stage", .string, .required)
                .field("dropped_reason", .string)
                .field("next_step", .string)
                .field("next_step_on", .string)
                .field("company_key", .string)
        }
        try await RegisterTable.create("lead_activities", on: database, unique: ["code"], indexed: ["lead_id", "occurred_on"]) {
            $0.field("code", .string)
                .field("lead_id", .int64, .required, .references("leads", "id"))
                .field("occurred_on", .string, .required)
                .field("kind", .string, .required)
                .field("subject", .string, .required)
                .field("people", .string, .required)
                .field("content", .string)
                .field("next_step", .string)
                .field("next_step_on", .string)
        }
        try await RegisterTable.create("projects", on: database, unique: ["code", "lead_id"],
                                       indexed: ["owning_unit_id", "cluster_id", "stage", "signed_on", "next_due_on", "level", "enterprise_id", "chain_node_id"]) {
            $0.field("code", .string, .required)
                .field("name", .string, .required)
                .field("investor", .string, .required)
                .field("lead_id", .int64, .references("leads", "id"))
                .field("enterprise_id", .int64, .references("enterprises", "id"))
                .field("cluster_id", .int64, .references("clusters", "id"))
                .field("chain_node_id", .int64, .references("chain_nodes", "id"))
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("category", .string, .required)
                .field("total_investment", .int64, .required)
                .field("foreign_funded", .bool)
                .field("foreign_investment_usd", .int64)
                .field("land_mu", .int64)
                .field("space_need", .int64)
                .field("level", .string, .required)
                .field("stage", .string, .required)
                .field("signed_on", .string, .required)
                .field("planned_registered_on", .string)
                .field("planned_started_on", .string)
                .field("planned_completed_on", .string)
                .field("planned_producing_on", .string)
                .field("registered_on", .string)
                .field("started_on", .string)
                .field("completed_on", .string)
                .field("producing_on", .string)
                .field("next_due_on", .string)
                .field("note", .string)
        }
        try await database.schema("project_stage_changes")
            .field("id", .int64, .identifier(auto: true))
            .field("project_id", .int64, .required, .references("projects", "id"))
            .field("from_stage", .string, .required)
            .field("to_stage", .string, .required)
            .field("changed_on", .string, .required)
            .field("reason", .string)
            .field("user_id", .int64)
            .field("user_name", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX project_stage_changes_project ON project_stage_changes (project_id, id)").run()
        try await RegisterTable.create("patrols", on: database, unique: ["code"], indexed: ["patrolled_on", "owning_unit_id"]) {
            $0.field("code", .string, .required)
                .field("title", .string, .required)
                .field("patrolled_on", .string, .required)
                .field("kind", .string, .required)
                .field("inspectors", .string, .required)
                .field("findings", .string)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
        }
        try await RegisterTable.create("obstacles", on: database, unique: ["code"], indexed: ["project_id", "owning_unit_id", "due_on", "status", "patrol_id"]) {
            $0.field("code", .string, .required)
                .field("title", .string, .required)
                .field("project_id", .int64, .required, .references("projects", "id"))
                .field("patrol_id", .int64, .references("patrols", "id"))
                .field("kind", .string, .required)
                .field("description", .string)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("due_on", .string, .required)
                .field("status", .string, .required)
                .field("resolution", .string)
                .field("resolved_on", .string)
        }
        try await RegisterTable.create("attraction_targets", on: database, unique: ["code"], indexed: ["owning_unit_id", "year"]) {
            $0.field("code", .string, .required)
                .field("title", .string, .required)
                .field("owning_unit_id", .int64, .required, .references("units", "id"))
                .field("year", .int64, .required)
                .field("over100_yi", .int64)
                .field("over50_yi", .int64)
                .field("over10_yi", .int64)
                .field("over1_yi", .int64)
                .field("signed_investment", .int64)
                .field("note", .string)
        }
    }

    func revert(on database: Database) async throws {
        for table in ["attraction_targets", "obstacles", "patrols", "project_stage_changes", "projects", "lead_activities", "leads", "lead_sources"] {
            try await database.schema(table).delete()
        }
    }
}
