import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// `gaoxin seed-demo --scale province`: the demo zone plus a province-sized register on top of it —
/// thirteen cities with their districts as boards, `enterprises` generated enterprises
/// (`ProvinceNames`, valid credit codes of their city), `months` months of figures each, and a
/// cluster with a chain per city and industry. Deterministic: the same options give the same rows
/// on either engine. Enterprises are written in multi-row statements; the monthly figures are
/// computed by the database itself (INSERT … SELECT over the enterprises and the months), so the
/// 36,000,000 rows of a province never pass through Swift.
enum ProvinceSeeder {
    struct Options: Sendable {
        var enterprises = 1_000_000
        var months = 36
        /// The last month with figures; the months run back from it.
        var lastMonth = Period(year: 2025, month: 12)!
        /// Clusters to create (a city's industry each), at least 40 for a province.
        var clusters = 42
    }

    struct Summary: Encodable, Sendable {
        var enterprises: Int
        var figureRows: Int
        var boards: Int
        var clusters: Int
    }

    /// Rows per INSERT: under SQLite's 32,766 bound parameters with the enterprise table's 13 columns.
    static let enterpriseBatch = 2_000
    /// Enterprises per transaction (and per progress line).
    static let commitEvery = 50_000

    static func seed(_ app: Application, options: Options, progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        precondition(options.enterprises <= ProvinceNames.capacity)
        let db = app.db
        let sql = db as! any SQLDatabase
        if try await Enterprise.query(on: db).filter(\.$creditCode == code(city: 0, serial: 0)).first() != nil {
            throw Abort(.conflict, reason: "已有省级规模数据 (province-scale data already seeded)")
        }
        let now = app.clock.now()
        progress("单位：13 个市及其板块")
        let boards = try await createBoards(on: db, now: now)
        let firstID = (try await sql.raw("SELECT MAX(id) AS m FROM enterprises").first(decodingColumn: "m", as: Int?.self) ?? nil) ?? 0
        let started = Date()
        var written = 0
        while written < options.enterprises {
            let start = written, end = min(options.enterprises, written + commitEvery)
            try await db.transaction { tx in
                let sql = tx as! any SQLDatabase
                var serial = start
                while serial < end {
                    let upper = min(end, serial + enterpriseBatch)
                    var filed: [SearchIndex.Filed] = []
                    let insert = sql.insert(into: "enterprises").columns("id", "credit_code", "name", "industry_code", "unit_id", "above_scale", "tier",
                                                                          "address", "active", "note", "created_at", "updated_at", "name_sort")
                    for s in serial..<upper {
                        let e = ProvinceNames.enterprise(s)
                        let board = boards[e.city][e.district]
                        let scale = revenueScale(firstID + s + 1)
                        let sortKey = PinyinSortKey.key(for: e.name)
                        insert.values(SQLBind(firstID + s + 1), SQLBind(code(city: e.city, serial: s)), SQLBind(e.name), SQLBind(e.industryCode),
                                      SQLBind(board), SQLBind(scale >= aboveScaleMonthly), SQLLiteral.null, SQLLiteral.null, SQLBind(true), SQLLiteral.null,
                                      SQLBind(now), SQLBind(now), SQLBind(sortKey))
                        filed.append(.init(id: firstID + s + 1, sortKey: sortKey, texts: [e.name]))
                    }
                    try await insert.run()
                    try await SearchIndex.insert(SearchSource.enterprises.table, filed, on: sql)
                    serial = upper
                }
                try await insertFigures(fromID: firstID + start + 1, toID: firstID + end, options: options, now: now, on: sql)
            }
            written = end
            let seconds = Date().timeIntervalSince(started)
            progress(String(format: "企业 %d / %d，月度指标 %d 行（%.0f 秒）", written, options.enterprises, written * options.months, seconds))
        }
        if app.engine == .postgres {
            try await sql.raw("SELECT setval(pg_get_serial_sequence('enterprises', 'id'), (SELECT MAX(id) FROM enterprises))").run()
        }
        progress("产业集群与产业链")
        let clusters = try await createClusters(options.clusters, firstEnterprise: firstID + 1, lastEnterprise: firstID + options.enterprises,
                                                boards: boards, on: db, now: now)
        try await createStructure(on: db)
        let summary = Summary(enterprises: options.enterprises, figureRows: options.enterprises * options.months,
                              boards: boards.map(\.count).reduce(0, +), clusters: clusters)
        try await AuditLog.record(on: db, at: now, actor: nil, actorName: "演示数据", address: nil, action: .importRows, entity: "import",
                                  entityID: "province-scale", summary: "生成省级规模演示数据：企业 \(summary.enterprises) 家，月度指标 \(summary.figureRows) 行",
                                  before: NoSnapshot?.none, after: summary)
        progress("分析统计信息")
        try await sql.raw("ANALYZE").run()
        return summary
    }

    /// 规上 threshold as a month's revenue: 2,000 万元 a year.
    static let aboveScaleMonthly: Int64 = 167

    /// A month's revenue scale in 万元, skewed as real registers are: most small, a few large.
    static func revenueScale(_ id: Int) -> Int64 {
        let h = Int64((UInt64(truncatingIfNeeded: id) &* 2_654_435_761) % 1_000)
        return h < 700 ? 20 + h / 5 : h < 950 ? 160 + (h - 700) * 4 : 1_200 + (h - 950) * 600
    }

    /// Credit codes of generated enterprises: 91 + the city's division + "P" + 8 digits of serial + check,
    /// a range no demo or imported code of this zone uses.
    static func code(city: Int, serial: Int) -> String {
        let first17 = "91" + ProvinceNames.cities[city].division + "P" + String(format: "%08d", serial)
        return first17 + String(CreditCode.checkCharacter(for: first17)!)
    }

    /// Every month × every enterprise of the id range, computed in SQL: revenue around the
    /// enterprise's scale (same formula as `revenueScale`) with a monthly wobble and growth.
    private static func insertFigures(fromID: Int, toID: Int, options: Options, now: Date, on sql: any SQLDatabase) async throws {
        var months: [String] = []
        var period = options.lastMonth
        for _ in 0..<options.months { months.append(period.description); period = period.previous }
        let periods = months.reversed().enumerated().map { "SELECT '\($0.element)' AS period, \($0.offset) AS n" }.joined(separator: " UNION ALL ")
        let scale = "CASE WHEN (e.id * 2654435761) % 1000 < 700 THEN 20 + ((e.id * 2654435761) % 1000) / 5 " +
            "WHEN (e.id * 2654435761) % 1000 < 950 THEN 160 + ((e.id * 2654435761) % 1000 - 700) * 4 " +
            "ELSE 1200 + ((e.id * 2654435761) % 1000 - 950) * 600 END"
        let revenue = "(\(scale)) * (100 + p.n + (e.id * 31 + p.n * 17) % 21 - 10) / 100"
        try await sql.raw("""
            INSERT INTO enterprise_indicators (enterprise_id, period, revenue, output_value, tax, rd_expense, employees, invention_patents, updated_at)
            SELECT e.id, p.period, \(unsafeRaw: revenue), \(unsafeRaw: revenue) * 11 / 10, \(unsafeRaw: revenue) / 25, \(unsafeRaw: revenue) / 30,
                   (\(unsafeRaw: scale)) / 4 + 5, (\(unsafeRaw: scale)) / 300, \(bind: now)
            FROM enterprises e CROSS JOIN (\(unsafeRaw: periods)) p
            WHERE e.id BETWEEN \(bind: fromID) AND \(bind: toID)
            """).run()
    }

    /// The thirteen cities (无锡's districts are the demo's boards) with a board per district.
    private static func createBoards(on db: Database, now: Date) async throws -> [[Int]] {
        var boards: [[Int]] = []
        for (index, city) in ProvinceNames.cities.enumerated() {
            let root: OrgUnit
            if let existing = try await OrgUnit.query(on: db).filter(\.$name == city.name).filter(\.$parentID == nil).first() {
                root = existing
            } else {
                root = try await UnitSeed.insert(.init(name: city.name, kind: .city, code: "P-" + city.division, parentID: nil,
                                                         sortOrder: 100 + index, note: nil), on: db)
            }
            var ids: [Int] = []
            for (order, district) in city.districts.enumerated() {
                if let board = try await OrgUnit.query(on: db).filter(\.$name == district).filter(\.$parentID == root.id!).first() {
                    ids.append(board.id!)
                } else {
                    let board = try await UnitSeed.insert(.init(name: district, kind: .board, code: "P-\(city.division)-\(order + 1)",
                                                                  parentID: root.id!, sortOrder: order * 10, note: nil), on: db)
                    ids.append(board.id!)
                }
            }
            boards.append(ids)
        }
        return boards
    }

    /// A cluster per (city, industry) pair in turn, each with one chain of three nodes; the
    /// midstream node holds up to 2,000 of the city's enterprises of that industry, so cluster pages
    /// and their roll-ups are measured against memberships of a real cluster's size.
    static let membersPerCluster = 2_000

    private static func createClusters(_ count: Int, firstEnterprise: Int, lastEnterprise: Int, boards: [[Int]],
                                       on db: Database, now: Date) async throws -> Int {
        let sql = db as! any SQLDatabase
        var created = 0
        for index in 0..<count {
            let city = ProvinceNames.cities[index % ProvinceNames.cities.count]
            let industry = ProvinceNames.industries[(index * 7) % ProvinceNames.industries.count]
            let name = city.short + industry.word + "产业集群"
            guard try await Cluster.query(on: db).filter(\.$name == name).first() == nil else { continue }
            let leadUnit = try await OrgUnit.query(on: db).filter(\.$name == city.name).filter(\.$parentID == nil).first()
            let cluster = Cluster()
            cluster.name = name
            cluster.category = ClusterCategory.allCases[index % ClusterCategory.allCases.count].rawValue
            cluster.leadUnitID = leadUnit!.id!
            cluster.annualTarget = Int64(1_000_000 + (index % 5) * 2_000_000)
            cluster.sortOrder = 1_000 + index
            cluster.active = true
            try await cluster.create(on: db)
            let chain = Chain()
            chain.clusterID = cluster.id!
            chain.name = industry.word + "产业链"
            chain.minEnterprises = 3
            chain.minRevenue = 0
            chain.requireBackbone = false
            chain.active = true
            try await chain.create(on: db)
            for (order, segment) in ChainSegment.allCases.enumerated() {
                let node = ChainNode()
                node.chainID = chain.id!
                node.segment = segment.rawValue
                node.name = industry.word + segment.nameZh + "环节"
                node.industryCodes = industry.code
                node.sortOrder = order
                try await node.create(on: db)
                guard segment == .midstream else { continue }
                let cityBoards = boards[index % ProvinceNames.cities.count]
                try await sql.raw("""
                    INSERT INTO chain_node_enterprises (node_id, enterprise_id, created_at)
                    SELECT \(bind: node.id!), id, \(bind: now) FROM enterprises
                    WHERE id BETWEEN \(bind: firstEnterprise) AND \(bind: lastEnterprise) AND industry_code = \(bind: industry.code)
                      AND unit_id IN (\(binds: cityBoards)) ORDER BY id LIMIT \(bind: Self.membersPerCluster)
                    """).run()
            }
            created += 1
        }
        return created
    }

    /// The province's structure over its generated clusters, a group per category (优势 / 新兴 /
    /// 未来), so the structure page is measured with every cluster of the province in it.
    private static func createStructure(on db: Database) async throws {
        let name = "全省产业集群体系（省级规模演示）"
        guard try await ClusterStructure.query(on: db).filter(\.$name == name).first() == nil else { return }
        let clusters = try await Cluster.query(on: db).filter(\.$sortOrder >= 1_000).sort(\.$sortOrder).all()
        let structure = ClusterStructure()
        structure.name = name
        structure.note = "省级规模演示数据：按集群类别分组"
        structure.sortOrder = 1_000
        structure.active = true
        try await structure.create(on: db)
        try await ClusterStructureWrites.writeGroups(ClusterCategory.allCases.map { category in
            (category.nameZh, clusters.filter { $0.category == category.rawValue }.map { $0.id! })
        }, of: structure.id!, on: db)
    }
}
