/// The tables a backup holds, in an order that satisfies foreign keys on restore, with each
/// column's portable type. A test checks this against the live schema so no table is forgotten.
enum BackupSchema {
    enum ColumnType: String, Codable { case int, text, bool, datetime, blob, double }

    struct Table {
        let name: String
        let columns: [(name: String, type: ColumnType)]
        /// The identity column whose sequence PostgreSQL must advance after a restore.
        let identity: String?
    }

    /// Tables derived from the others and rebuilt on restore rather than backed up (the search
    /// postings, the roll-ups).
    static var derived: Set<String> { DerivedTables.names }

    /// Tables a migration fills with built-in rows (the "八个一" and "六个一" checklists): a fresh
    /// database is still empty for a restore, whose rows replace these (children listed first).
    static let seededByMigrations = ["checklist_items", "checklist_templates"]

    /// The fixed tables, then each declared register's table and the shared link table (derived
    /// from the declarations), before the audit log and jobs.
    static var tables: [Table] {
        let split = fixed.firstIndex { $0.name == "audit_log" }!
        return Array(fixed[..<split]) + Registers.all.map(table) + [links] + afterRegisters + Array(fixed[split...])
    }

    /// Tables that refer to declared registers' records (a project's stage history).
    static let afterRegisters: [Table] = [
        Table(name: "project_stage_changes", columns: [("id", .int), ("project_id", .int), ("from_stage", .text), ("to_stage", .text), ("changed_on", .text),
                                                       ("reason", .text), ("user_id", .int), ("user_name", .text), ("created_at", .datetime)], identity: "id"),
    ]

    static let links = Table(name: "register_links", columns: [("id", .int), ("register", .text), ("record_id", .int), ("field", .text),
                                                                  ("target_id", .int), ("position", .int)], identity: "id")

    static func table(_ declaration: RegisterDeclaration) -> Table {
        let standard: [(name: String, type: ColumnType)] = [("id", .int), ("active", .bool), ("name_sort", .text), ("created_at", .datetime), ("updated_at", .datetime)]
        let own = declaration.singleFields.map { field -> (name: String, type: ColumnType) in
            switch field.kind {
            case .money, .area, .integer, .decimal, .reference: return (field.column, .int)
            case .flag: return (field.column, .bool)
            default: return (field.column, .text)
            }
        }
        // A tree's derived place (`RegisterTree`): restored as it was, not recomputed.
        let tree: [(name: String, type: ColumnType)] = declaration.tree == nil ? [] : [("path", .text), ("tree_key", .text)]
        return Table(name: declaration.table, columns: standard + own + tree, identity: "id")
    }

    static let fixed: [Table] = [
        // A declared register, first: every other table refers to units.
        table(.units),
        Table(name: "users", columns: [("id", .int), ("username", .text), ("display_name", .text), ("unit_id", .int), ("roles", .text),
                                       ("password_hash", .text), ("active", .bool), ("email", .text), ("phone", .text), ("failed_count", .int),
                                       ("locked_until", .datetime), ("last_login_at", .datetime), ("created_at", .datetime), ("updated_at", .datetime),
                                       ("name_sort", .text)], identity: "id"),
        Table(name: "sessions", columns: [("id", .text), ("user_id", .int), ("csrf_token", .text), ("created_at", .datetime), ("last_seen_at", .datetime),
                                          ("address", .text), ("user_agent", .text)], identity: nil),
        Table(name: "api_tokens", columns: [("id", .int), ("user_id", .int), ("name", .text), ("token_hash", .text), ("prefix", .text), ("read_only", .bool),
                                            ("created_at", .datetime), ("last_used_at", .datetime), ("revoked_at", .datetime)], identity: "id"),
        Table(name: "login_failures", columns: [("id", .int), ("username", .text), ("address", .text), ("at", .datetime)], identity: "id"),
        // A declared register, restored here because the tables below refer to it.
        table(.enterprises),
        Table(name: "enterprise_indicators", columns: [("id", .int), ("enterprise_id", .int), ("period", .text), ("revenue", .int), ("output_value", .int),
                                                       ("tax", .int), ("rd_expense", .int), ("employees", .int), ("invention_patents", .int),
                                                       ("updated_at", .datetime)], identity: "id"),
        Table(name: "enterprise_qualifications", columns: [("id", .int), ("enterprise_id", .int), ("kind", .text), ("granted_on", .text),
                                                           ("expires_on", .text), ("note", .text), ("created_at", .datetime)], identity: "id"),
        // A declared register, restored here because the tables below refer to it.
        table(.clusters),
        Table(name: "cluster_reported_figures", columns: [("id", .int), ("cluster_id", .int), ("period", .text), ("revenue", .int), ("note", .text),
                                                          ("created_at", .datetime), ("updated_at", .datetime)], identity: "id"),
        Table(name: "chains", columns: [("id", .int), ("cluster_id", .int), ("name", .text), ("min_enterprises", .int), ("min_revenue", .int),
                                        ("require_backbone", .bool), ("active", .bool), ("note", .text), ("created_at", .datetime), ("updated_at", .datetime),
                                        ("leader_weights", .text)],
              identity: "id"),
        // Parents are inserted before children: restore orders rows by id, and a parent always has the smaller id.
        Table(name: "chain_nodes", columns: [("id", .int), ("chain_id", .int), ("parent_id", .int), ("segment", .text), ("name", .text),
                                             ("industry_codes", .text), ("products", .text), ("sort_order", .int),
                                             ("created_at", .datetime), ("updated_at", .datetime)], identity: "id"),
        Table(name: "chain_node_enterprises", columns: [("id", .int), ("node_id", .int), ("enterprise_id", .int), ("created_at", .datetime)], identity: "id"),
        Table(name: "chain_leader_decisions", columns: [("id", .int), ("chain_id", .int), ("enterprise_id", .int), ("tier", .text), ("previous_tier", .text),
                                                        ("reason", .text), ("score_json", .text), ("decided_by", .int), ("decided_at", .datetime)], identity: "id"),
        Table(name: "cluster_structures", columns: [("id", .int), ("name", .text), ("note", .text), ("sort_order", .int), ("active", .bool),
                                                    ("created_at", .datetime), ("updated_at", .datetime), ("unit_id", .int)], identity: "id"),
        Table(name: "cluster_structure_groups", columns: [("id", .int), ("structure_id", .int), ("name", .text), ("position", .int)], identity: "id"),
        Table(name: "cluster_structure_members", columns: [("id", .int), ("structure_id", .int), ("group_id", .int), ("cluster_id", .int),
                                                           ("position", .int)], identity: "id"),
        Table(name: "checklist_templates", columns: [("id", .int), ("name", .text), ("note", .text), ("locked", .bool), ("sort_order", .int),
                                                     ("active", .bool), ("created_at", .datetime), ("updated_at", .datetime)], identity: "id"),
        Table(name: "checklist_items", columns: [("id", .int), ("template_id", .int), ("name", .text), ("source", .text), ("position", .int),
                                                 ("active", .bool)], identity: "id"),
        Table(name: "checklist_entries", columns: [("id", .int), ("cluster_id", .int), ("item_id", .int), ("status", .text), ("unit_id", .int),
                                                   ("note", .text), ("updated_at", .datetime)], identity: "id"),
        Table(name: "period_closes", columns: [("id", .int), ("month", .text), ("closed_at", .datetime), ("user_id", .int), ("user_name", .text)], identity: "id"),
        Table(name: "restatements", columns: [("id", .int), ("month", .text), ("entity", .text), ("entity_id", .text), ("subject", .text), ("figure", .text),
                                              ("old_value", .int), ("new_value", .int), ("reason", .text), ("user_id", .int), ("user_name", .text),
                                              ("created_at", .datetime)], identity: "id"),
        Table(name: "bulletins", columns: [("id", .int), ("month", .text), ("number", .int), ("issuer", .text), ("final", .bool), ("content_json", .text),
                                           ("generated_at", .datetime), ("user_id", .int), ("user_name", .text)], identity: "id"),
        Table(name: "assessment_results", columns: [("id", .int), ("year", .int), ("content_json", .text), ("frozen_at", .datetime), ("user_name", .text)],
              identity: "id"),
        Table(name: "audit_log", columns: [("id", .int), ("at", .datetime), ("actor_id", .int), ("actor_name", .text), ("action", .text), ("entity", .text),
                                           ("entity_id", .text), ("summary", .text), ("before_json", .text), ("after_json", .text), ("address", .text)], identity: "id"),
        Table(name: "enterprise_custom_figures", columns: [("id", .int), ("enterprise_id", .int), ("indicator_id", .int), ("period", .text), ("value", .int),
                                                           ("updated_at", .datetime)], identity: "id"),
        Table(name: "jobs", columns: [("id", .int), ("kind", .text), ("status", .text), ("phase", .text), ("progress", .int), ("total", .int),
                                      ("message", .text), ("result_json", .text), ("created_by", .int), ("created_at", .datetime), ("started_at", .datetime),
                                      ("finished_at", .datetime), ("heartbeat_at", .datetime), ("input", .blob), ("input_name", .text)], identity: "id"),
        Table(name: "complexity_datasets", columns: [("id", .int), ("name", .text), ("measure", .text), ("row_count", .int), ("years", .text),
                                                     ("created_by", .int), ("created_at", .datetime), ("source", .text), ("description", .text)], identity: "id"),
        Table(name: "complexity_observations", columns: [("id", .int), ("dataset_id", .int), ("year", .text), ("loc", .text), ("prod", .text),
                                                         ("val", .double)], identity: "id"),
        // The reminder queue and the planned days: a restored database must not send again what was sent.
        Table(name: "reminders", columns: [("id", .int), ("channel", .text), ("recipient", .text), ("dedupe_key", .text), ("subject", .text), ("body", .text),
                                           ("status", .text), ("attempts", .int), ("next_attempt_at", .double), ("lease_owner", .text), ("lease_until", .double),
                                           ("last_error", .text), ("created_at", .double), ("sent_at", .double)], identity: "id"),
        Table(name: "reminder_days", columns: [("day", .text), ("planned_at", .double)], identity: nil),
    ]
}
