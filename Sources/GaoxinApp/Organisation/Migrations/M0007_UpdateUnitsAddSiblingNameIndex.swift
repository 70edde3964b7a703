import Fluent
import SQLKit

/// Sibling names are unique under one parent: the rule the forms check, now also held by the
/// database so two concurrent requests cannot both pass the check.
struct M0007_UpdateUnitsAddSiblingNameIndex: AsyncMigration {
    func prepare(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("CREATE UNIQUE INDEX units_parent_name ON units (parent_id, name)").run()
    }

    func revert(on database: Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP INDEX units_parent_name").run()
    }
}
