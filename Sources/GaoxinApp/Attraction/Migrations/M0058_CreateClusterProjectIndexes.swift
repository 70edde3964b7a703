import Fluent
import SQLKit

/// A cluster page's key projects and problems on PostgreSQL, at province scale (a cluster has
/// ~1,100 projects among 100,000, and 20,000 obstacles): the planner visited every project of the
/// cluster in the heap (one block each) and ANDed a bitmap of 60,000 projects of a key level for
/// the key projects, and hashed a scan of every open obstacle for the problems. An index of the
/// active projects by cluster and level answers the counts from the index alone, and one of the
/// open obstacles by project lets the problems' count merge two index-only scans (`EXPLAIN
/// ANALYZE`: key projects 8.3 → 2.2 ms, their count 3.8 → 0.2 ms, the problems' count 7.1 → 1.8 ms).
///
/// PostgreSQL only: SQLite already walks `projects_cluster_id` and probes `obstacles_project_id`
/// for these queries, and would not use a partial index for `active = ?` (a bound value does not
/// imply the index's `WHERE active`), so there it would only slow every write.
struct M0058_CreateClusterProjectIndexes: AsyncMigration {
    func prepare(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("CREATE INDEX projects_cluster_active ON projects (cluster_id, level, id) WHERE active").run()
        try await sql.raw("CREATE INDEX obstacles_open_project ON obstacles (project_id) WHERE active AND status <> 'resolved'").run()
    }

    func revert(on database: Database) async throws {
        let sql = database as! any SQLDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("DROP INDEX obstacles_open_project").run()
        try await sql.raw("DROP INDEX projects_cluster_active").run()
    }
}
