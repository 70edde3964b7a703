@testable import GaoxinApp
import SQLKit
import XCTVapor
import XCTest

/// No index may begin with `active`: nearly every row is active, yet without statistics SQLite
/// takes such an index for any `active = true` test — a draft of M0042 led with it and the target
/// progress walked every project through it (60 ms to 9 s at province scale).
final class IndexShapeTests: XCTestCase {
    func testNoIndexBeginsWithTheActiveFlag() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            let definitions: [(name: String, definition: String)]
            if sql.dialect.name == "postgresql" {
                definitions = try await sql.raw("SELECT indexname AS name, indexdef AS definition FROM pg_indexes WHERE schemaname = current_schema()").all()
                    .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "definition", as: String.self)) }
            } else {
                definitions = try await sql.raw("SELECT name, sql AS definition FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").all()
                    .map { (try $0.decode(column: "name", as: String.self), try $0.decode(column: "definition", as: String.self)) }
            }
            XCTAssertGreaterThan(definitions.count, 50, "the migrated schema's indexes were read")
            for (name, definition) in definitions {
                guard let open = definition.firstIndex(of: "(") else { continue }
                let first = definition[definition.index(after: open)...].prefix { $0 != "," && $0 != ")" }
                    .trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "").lowercased()
                XCTAssertNotEqual(first, "active", "\(name) begins with active: \(definition)")
            }
        }
    }

    /// PostgreSQL answers a cluster page's counts of key projects and open problems from the
    /// partial indexes of M0058 (at province scale the heap visits cost 4–7 ms a query). Sequential
    /// and bitmap scans are switched off so that the handful of test rows does not decide the plan.
    func testTheClusterPagesCountsUseTheirIndexesOnPostgreSQL() async throws {
        try await withApp { app, _ in
            guard (app.db as! any SQLDatabase).dialect.name == "postgresql" else { return }
            try await app.db.withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await sql.raw("SET enable_seqscan = off").run()
                try await sql.raw("SET enable_bitmapscan = off").run()
                func plan(_ query: String) async throws -> String {
                    try await sql.raw("EXPLAIN \(unsafeRaw: query)").all().map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "\n")
                }
                let keyProjects = try await plan("SELECT COUNT(*) FROM projects p WHERE p.cluster_id = 1 AND p.active = true AND p.level IN ('provincial', 'municipal', 'district')")
                XCTAssertTrue(keyProjects.contains("projects_cluster_active"), keyProjects)
                let problems = try await plan("""
                    SELECT COUNT(*) FROM obstacles o JOIN projects p ON p.id = o.project_id
                    WHERE p.cluster_id = 1 AND p.active = true AND o.active = true AND o.status <> 'resolved'
                    """)
                XCTAssertTrue(problems.contains("obstacles_open_project") && problems.contains("projects_cluster_active"), problems)
                try await sql.raw("RESET enable_seqscan").run()
                try await sql.raw("RESET enable_bitmapscan").run()
            }
        }
    }

    /// The enterprise list's filters on a rare value are read off M0063's partial indexes, in the
    /// form the list writes them (a constant flag, an equal tier), and a held qualification
    /// through the qualifications' index — on both engines (PostgreSQL with scans of the table
    /// switched off, so the few test rows do not decide the plan).
    func testTheEnterpriseListsRareValueFiltersUseTheirIndexes() async throws {
        try await Self.withPlanner(off: ["enable_seqscan"]) { sql in
            func plan(_ query: String) async throws -> String { try await Self.plan(query, on: sql) }
            let struckOff = try await plan("SELECT COUNT(*) FROM enterprises r WHERE r.active = FALSE")
            XCTAssertTrue(struckOff.contains("enterprises_struck_off"), struckOff)
            let tier = try await plan("SELECT COUNT(*) FROM enterprises r WHERE r.tier = 'backbone'")
            XCTAssertTrue(tier.contains("enterprises_tier"), tier)
            let held = try await plan("""
                SELECT COUNT(*) FROM enterprises r WHERE r.id IN (SELECT q.enterprise_id FROM enterprise_qualifications q
                WHERE q.kind = 'highTech' AND q.granted_on <= '2026-12-07' AND (q.expires_on IS NULL OR q.expires_on >= '2026-12-07'))
                """)
            XCTAssertTrue(held.contains("enterprise_qualifications_kind"), held)
        }
    }

    /// The enterprise list's orders by 规上 and by tier, as `ListRunner` writes them from the
    /// declaration, are read off M0063's indexes in both directions on both engines: the
    /// migration's expressions still match the declared choices (a drift would sort the table).
    func testTheEnterpriseListsScaleAndTierOrdersUseTheirIndexes() async throws {
        try await Self.withPlanner(off: ["enable_seqscan"]) { sql in
            let definition = RegisterList.definition(.enterprises)
            for (key, index) in [("aboveScale", "enterprises_scale_order"), ("tier", "enterprises_tier_order")] {
                for descending in [false, true] {
                    let (query, plan) = try await Self.orderPlan(definition, key, descending: descending, on: sql)
                    let wanted = index + (descending ? "_desc" : "")
                    XCTAssertTrue(plan.contains(wanted + " ") || plan.hasSuffix(wanted), "\(key) \(descending ? "descending" : "ascending"): \(query)\n\(plan)")
                    XCTAssertFalse(plan.contains("TEMP B-TREE") || plan.contains("Sort Key"), "no sort: \(plan)")
                }
            }
            // By industry and within it by name, off the industry-and-name index: no sort of the
            // table (descending, at most the rows of one name put in id order).
            for descending in [false, true] {
                let (query, plan) = try await Self.orderPlan(definition, "industryCode", descending: descending, on: sql)
                XCTAssertTrue(plan.contains("enterprises_industry_name"), "industry \(descending ? "descending" : "ascending"): \(query)\n\(plan)")
                XCTAssertFalse(plan.contains("USE TEMP B-TREE FOR ORDER BY") || (plan.contains("Sort Key") && !plan.contains("Presorted Key")), "no sort: \(plan)")
            }
        }
    }

    /// The lead and project lists' orders by amount, and on PostgreSQL their nullable columns'
    /// descending orders (the project list's default among them), are read off an index (M0064):
    /// no sort of the whole table, on either engine.
    func testTheAttractionListsOrdersAreReadOffIndexes() async throws {
        // PostgreSQL: could any plan give this order without sorting? (The test tables are tiny: a
        // bitmap scan and a sort would be cheaper there.)
        try await Self.withPlanner(off: ["enable_seqscan", "enable_bitmapscan", "enable_sort"]) { sql in
            let postgres = sql.dialect.name == "postgresql"
            var orders: [(RegisterDeclaration, String)] = [
                (.leads, "estimatedInvestment"), (.leads, "nextStepOn"), (.projects, "totalInvestment"),
                (.projects, "signedOn"), (.projects, "nextDueOn"),
            ]
            // Every choice order a register declares indexed (a lead's stage, a project's level).
            for declaration in Registers.declared { orders += declaration.indexedChoiceOrders.map { (declaration, $0) } }
            XCTAssertGreaterThanOrEqual(orders.count, 9)
            for (declaration, key) in orders {
                for descending in [false, true] {
                    let (query, plan) = try await Self.orderPlan(RegisterList.definition(declaration), key, descending: descending, on: sql)
                    let sorted = postgres ? plan.contains("Sort Key") && !plan.contains("Presorted Key") : plan.contains("USE TEMP B-TREE FOR ORDER BY")
                    XCTAssertFalse(sorted, "\(declaration.table) by \(descending ? "-" : "")\(key) sorts the table: \(query)\n\(plan)")
                }
            }
        }
    }

    /// Runs `work` on one connection of a migrated test database, with PostgreSQL's planner
    /// settings `off` switched off for it (so the few test rows do not decide the plan).
    static func withPlanner(off settings: [String], _ work: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        try await withApp { app, _ in
            try await app.db.withConnection { connection in
                let sql = connection as! any SQLDatabase
                let postgres = sql.dialect.name == "postgresql"
                if postgres { for setting in settings { try await sql.raw("SET \(unsafeRaw: setting) = off").run() } }
                try await work(sql)
                if postgres { try await sql.raw("RESET ALL").run() }
            }
        }
    }

    /// The engine's plan of `query`, one line a step.
    static func plan(_ query: String, on sql: any SQLDatabase) async throws -> String {
        let postgres = sql.dialect.name == "postgresql"
        let rows = try await sql.raw("\(unsafeRaw: postgres ? "EXPLAIN" : "EXPLAIN QUERY PLAN") \(unsafeRaw: query)").all()
        return try rows.map { try $0.decode(column: postgres ? "QUERY PLAN" : "detail", as: String.self) }.joined(separator: "\n")
    }

    /// A list's first page of ids in the order `key` as `ListRunner` writes it, and its plan.
    static func orderPlan(_ definition: ListDefinition, _ key: String, descending: Bool, on sql: any SQLDatabase) async throws -> (query: String, plan: String) {
        let select = sql.select().column(SQLRaw("r.id")).from(SQLRaw(definition.countFrom ?? definition.from)).limit(50)
        ListRunner.applyOrder(select, definition, ListQuery(sortKey: key, descending: descending))
        let query = sql.serialize(select.query).sql
        return (query, try await plan(query, on: sql))
    }

    /// An import finds the records its keys name through indexes, in every declared register
    /// (M0065): beside 300,000 leads a lookup that read the table took 40 ms for each slice.
    func testEveryRegistersImportKeyLookupIsIndexed() async throws {
        try await Self.withPlanner(off: ["enable_seqscan"]) { sql in
            var checked = 0
            for declaration in Registers.all {
                let keyField = declaration.field(declaration.importKey)!
                let values: [any Encodable & Sendable] = keyField.kind.target == nil ? ["甲-1", "乙-2"] : [Int64(1), Int64(2)]
                try await Self.assertEveryReadSeeks(declaration.table, RegisterImport.recordsByKey(declaration, keyField, values), on: sql)
                checked += 1
            }
            XCTAssertGreaterThan(checked, 30)
        }
    }

    /// Every read of `table` in the plan of `query` seeks through an index: SQLite's SEARCH, no
    /// sequential scan on PostgreSQL (with sequential scans switched off, a plan shows one only
    /// where no index serves).
    static func assertEveryReadSeeks(_ table: String, _ query: SQLQueryString, on sql: any SQLDatabase,
                                     file: StaticString = #filePath, line: UInt = #line) async throws {
        let postgres = sql.dialect.name == "postgresql"
        let explain: SQLQueryString = postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN "
        let plan = try await sql.raw(explain + query).all().map { try $0.decode(column: postgres ? "QUERY PLAN" : "detail", as: String.self) }
        let reads = plan.filter { postgres ? $0.contains(" on \(table)") : $0.contains(" \(table) ") || $0.hasSuffix(" \(table)") }
        XCTAssertFalse(reads.isEmpty, "\(table): \(plan)", file: file, line: line)
        for read in reads {
            XCTAssertTrue(postgres ? !read.contains("Seq Scan") : read.contains("SEARCH"), "\(table): \(plan.joined(separator: " / "))", file: file, line: line)
        }
    }

    /// A file names the records it refers to by name or code; each target is found through
    /// indexes, whichever register refers to it.
    func testEveryReferenceTargetsLookupByNameIsIndexed() async throws {
        try await Self.withPlanner(off: ["enable_seqscan"]) { sql in
            var targets: [String: RegisterTarget] = [:]
            for declaration in Registers.declared {
                for field in declaration.fields { if let target = field.kind.target { targets[target.table] = target } }
            }
            XCTAssertGreaterThan(targets.count, 10)
            // A chain node is named through a view (集群链／环节, computed, so not indexable): a few
            // dozen a cluster's chains.
            let views: Set<String> = ["chain_node_names"]
            for target in targets.values.sorted(by: { $0.table < $1.table }) where !views.contains(target.table) {
                let select = "SELECT id, \(target.nameColumn) AS name, active FROM \(target.table)"
                try await Self.assertEveryReadSeeks(target.table, RegisterReferences.byName(target, select: select, ["甲", "乙"]), on: sql)
            }
        }
    }

    /// A list that reads one unit's page off an index on the unit and the name order
    /// (`ListDefinition.nameOrderIndexes`) has that index, with those columns in that order, on
    /// the engine it runs on (the rows so filtered, in name order: `EnterpriseWriteTests`).
    func testEveryClaimedNameOrderIndexExists() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            var claimed = 0
            for declaration in Registers.declared {
                let definition = RegisterList.definition(declaration)
                for column in definition.nameOrderIndexes {
                    let bare = String(column.split(separator: ".").last!)
                    let wanted = [bare, "name_sort", "id"]
                    var shapes: [[String]] = []
                    if sql.dialect.name == "postgresql" {
                        for row in try await sql.raw("SELECT indexdef AS d FROM pg_indexes WHERE schemaname = current_schema() AND tablename = \(bind: declaration.table)").all() {
                            let definition = try row.decode(column: "d", as: String.self)
                            guard let open = definition.firstIndex(of: "("), let close = definition.lastIndex(of: ")") else { continue }
                            shapes.append(definition[definition.index(after: open)..<close].split(separator: ",").map {
                                $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
                            })
                        }
                    } else {
                        for row in try await sql.raw("SELECT name FROM pragma_index_list(\(bind: declaration.table))").all() {
                            let name = try row.decode(column: "name", as: String.self)
                            shapes.append(try await sql.raw("SELECT name FROM pragma_index_info(\(bind: name)) ORDER BY seqno").all()
                                .map { try $0.decode(column: "name", as: String?.self) ?? "" })
                        }
                    }
                    XCTAssertTrue(shapes.contains(wanted), "\(declaration.table) claims an index (\(wanted.joined(separator: ", "))): \(shapes)")
                    claimed += 1
                }
            }
            XCTAssertGreaterThan(claimed, 0, "the enterprises claim theirs")
        }
    }

    /// Every declared register's single reference column leads an index: record pages gather what
    /// points at a record by it, lists filter by it (a cluster page scanned 300,000 leads without one).
    func testEveryDeclaredReferenceColumnLeadsAnIndex() async throws {
        try await withApp { app, _ in
            let sql = app.db as! any SQLDatabase
            var leading = Set<String>()
            if sql.dialect.name == "postgresql" {
                for row in try await sql.raw("SELECT tablename AS t, indexdef AS d FROM pg_indexes WHERE schemaname = current_schema()").all() {
                    let definition = try row.decode(column: "d", as: String.self)
                    guard let open = definition.firstIndex(of: "(") else { continue }
                    let first = definition[definition.index(after: open)...].prefix { $0 != "," && $0 != ")" }
                        .trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
                    leading.insert(try row.decode(column: "t", as: String.self) + "." + first)
                }
            } else {
                for row in try await sql.raw("""
                    SELECT m.name AS t, ii.name AS c FROM sqlite_master m, pragma_index_list(m.name) il, pragma_index_info(il.name) ii
                    WHERE m.type = 'table' AND ii.seqno = 0
                    """).all() {
                    // An expression index (substr(credit_code, 9)) has no column name.
                    guard let column = try row.decode(column: "c", as: String?.self) else { continue }
                    leading.insert(try row.decode(column: "t", as: String.self) + "." + column)
                }
            }
            var checked = 0
            for declaration in Registers.declared {
                for field in declaration.fields where field.kind.target != nil && !field.kind.isMulti {
                    XCTAssertTrue(leading.contains(declaration.table + "." + field.column), "\(declaration.table).\(field.column) leads no index")
                    checked += 1
                }
            }
            XCTAssertGreaterThan(checked, 40)
        }
    }
}
