import Fluent
import GaoxinDomain
import SQLKit

/// The owning unit's path of records, for a record's ownership: one query per 500 records.
enum RegisterOwnershipLookup {
    /// Of records in a table with an `owning_unit_id` (a lead's team), for `RegisterOwnership.referencedUnit`.
    static func unitPaths(table: String, ids: [Int64], on db: Database) async throws -> [Int64: UnitPath] {
        try await paths(ids, on: db) { "SELECT r.id, u.path FROM \(unsafeRaw: table) r JOIN units u ON u.id = r.owning_unit_id WHERE r.id IN (\(binds: $0))" }
    }

    /// Units' own paths, for `RegisterOwnership.unitField`.
    static func unitPaths(ids: Set<Int64>, on db: Database) async throws -> [Int64: UnitPath] {
        try await paths(Array(ids), on: db) { "SELECT id, path FROM units WHERE id IN (\(binds: $0))" }
    }

    /// `query` run for each 500 ids, its rows an id and a path.
    private static func paths(_ ids: [Int64], on db: Database, _ query: ([Int64]) -> SQLQueryString) async throws -> [Int64: UnitPath] {
        let sql = db as! any SQLDatabase
        var paths: [Int64: UnitPath] = [:]
        for chunk in ids.chunked(500) {
            for row in try await sql.raw(query(chunk)).all() {
                if let path = UnitPath(try row.decode(column: "path", as: String.self)) { paths[try row.decode(column: "id", as: Int64.self)] = path }
            }
        }
        return paths
    }
}
