import Fluent
import GaoxinDomain
import SQLKit

/// 机制清单: templates and their items (the built-in "八个一" and "六个一" made here), each
/// cluster's entries, and a policy's kind (a plan or a policy document) that two items read.
struct M0030_CreateChecklists: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE policies ADD COLUMN kind TEXT").run()
        // Existing plans say so in their names (…规划, …三年行动计划); everything else is a policy document.
        try await sql.raw("UPDATE policies SET kind = CASE WHEN name LIKE '%规划%' OR name LIKE '%行动计划%' THEN 'plan' ELSE 'policy' END").run()
        try await database.schema("checklist_templates")
            .field("id", .int64, .identifier(auto: true))
            .field("name", .string, .required)
            .field("note", .string)
            .field("locked", .bool, .required)
            .field("sort_order", .int64, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "name")
            .create()
        try await database.schema("checklist_items")
            .field("id", .int64, .identifier(auto: true))
            .field("template_id", .int64, .required, .references("checklist_templates", "id"))
            .field("name", .string, .required)
            .field("source", .string, .required)
            .field("position", .int64, .required)
            .field("active", .bool, .required)
            .create()
        try await database.schema("checklist_entries")
            .field("id", .int64, .identifier(auto: true))
            .field("cluster_id", .int64, .required, .references("clusters", "id"))
            .field("item_id", .int64, .required, .references("checklist_items", "id"))
            .field("status", .string, .required)
            .field("unit_id", .int64, .references("units", "id"))
            .field("note", .string)
            .field("updated_at", .datetime)
            .unique(on: "cluster_id", "item_id")
            .create()
        try await sql.raw("CREATE INDEX checklist_items_template ON checklist_items (template_id)").run()
        for (order, template) in [("八个一", true, ChecklistTemplates.eightOnes, "产业生态“八个一”工作机制（每个集群一个规划、一个政策、一个园区、一个基金、一个领军企业、一个平台、一个团队、一个专班）"),
                                  ("六个一", false, ChecklistTemplates.sixOnes, "市级“六个一”工作抓手；项目可由集群办调整")].enumerated() {
            let row = ChecklistTemplate()
            row.name = template.0
            row.locked = template.1
            row.note = template.3
            row.sortOrder = (order + 1) * 10
            row.active = true
            try await row.create(on: database)
            for (position, item) in template.2.enumerated() {
                let line = ChecklistItem()
                line.templateID = row.id!
                line.name = item.name
                line.source = item.source.rawValue
                line.position = position
                line.active = true
                try await line.create(on: database)
            }
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("checklist_entries").delete()
        try await database.schema("checklist_items").delete()
        try await database.schema("checklist_templates").delete()
        try await (database as! any SQLDatabase).raw("ALTER TABLE policies DROP COLUMN kind").run()
    }
}
