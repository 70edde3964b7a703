import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// `gaoxin seed-demo --scale parks` on a province database: issue 15's scale — 10,000 parks over
/// the province's boards (every kind and level, lead industries from manufacturing and software),
/// 200,000 spaces (land, factories and floors of every size, a tenth of them no longer confirmed,
/// a sixth not on offer) and 300 scenarios, 200 of them open — to measure matching and the public
/// pages. Deterministic; multi-row statements with their search postings.
enum ParkSeeder {
    struct Summary: Encodable, Sendable {
        var parks: Int
        var spaces: Int
        var scenarios: Int
    }

    static let parks = 10_000
    static let spacesPerPark = 20
    static let scenarios = 300
    static let batch = 1_000
    static let industries = ["3973", "3562", "3825", "2761", "3581", "3670", "3130", "6513", "3841", "3919", "2614", "3441", "3972", "6520", "2720", "3831"]
    static let kinds = ["featured", "sciencePark", "incubator", "accelerator", "makerspace"]
    static let levels = ["national", "provincial", "provincial", "municipal", "municipal", "none"]
    static let statuses = ["available", "available", "available", "available", "reserved", "occupied"]

    static func seed(_ app: Application, today: CalendarDay, progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        let db = app.db, sql = db as! any SQLDatabase, now = app.clock.now()
        guard try await sql.raw("SELECT id FROM parks WHERE name = \(bind: name(0))").first() == nil else {
            throw Abort(.conflict, reason: "已有省级规模园区数据 (province-scale parks already seeded)")
        }
        let boards = try await sql.raw("SELECT id FROM units WHERE kind = 'board' AND code LIKE 'P-%' AND active = \(bind: true) ORDER BY id").all()
            .map { try $0.decode(column: "id", as: Int.self) }
        guard !boards.isEmpty else { throw Abort(.conflict, reason: "请先生成省级规模数据（seed-demo --scale province）") }
        let clusters = try await sql.raw("SELECT id FROM clusters WHERE active = \(bind: true) ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }

        progress("园区 \(parks) 个")
        var parkIDs: [Int] = []
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            for chunk in stride(from: 0, to: parks, by: batch) {
                let insert = sql.insert(into: "parks").columns("active", "name_sort", "created_at", "updated_at", "name", "kind", "level", "owning_unit_id",
                                                               "board_id", "lead_industry", "second_industry", "floor_area", "public_contact")
                var filed: [SearchIndex.Filed] = []
                for i in chunk..<min(parks, chunk + batch) {
                    let board = boards[i % boards.count]
                    insert.values(SQLBind(true), SQLBind(PinyinSortKey.key(for: name(i))), SQLBind(now), SQLBind(now), SQLBind(name(i)),
                                  SQLBind(kinds[i % kinds.count]), SQLBind(levels[i % levels.count]), SQLBind(board), SQLBind(board),
                                  SQLBind(industries[i % industries.count]), SQLBind(industries[(i / 3 + 5) % industries.count]),
                                  SQLBind(Int64(50_000 + (i * 7_919) % 900_000)), SQLBind(String(format: "0510-8%03d %04d", i % 1000, i % 10_000)))
                    filed.append(.init(id: 0, sortKey: PinyinSortKey.key(for: name(i)), texts: [name(i), nil]))
                }
                let first = (try await sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM parks").first(decodingColumn: "m", as: Int.self) ?? 0) + 1
                try await insert.run()
                parkIDs += (0..<filed.count).map { first + $0 }
                try await SearchIndex.insert("parks", filed.enumerated().map { .init(id: first + $0.offset, sortKey: $0.element.sortKey, texts: $0.element.texts) }, on: sql)
                if !clusters.isEmpty {
                    let links = sql.insert(into: "register_links").columns("register", "record_id", "field", "target_id", "position")
                    for offset in 0..<filed.count where (chunk + offset) % 4 == 0 {
                        links.values(SQLBind("parks"), SQLBind(first + offset), SQLBind("clusterIds"), SQLBind(clusters[(chunk + offset) % clusters.count]), SQLBind(0))
                    }
                    try await links.run()
                }
            }
        }

        let total = parks * spacesPerPark
        progress("空间 \(total) 个")
        for start in stride(from: 0, to: total, by: batch * 20) {
            try await db.transaction { tx in
                let sql = tx as! any SQLDatabase
                for chunk in stride(from: start, to: min(total, start + batch * 20), by: batch) {
                    let insert = sql.insert(into: "spaces").columns("active", "name_sort", "created_at", "updated_at", "code", "name", "park_id", "kind", "area",
                                                                    "area_mu", "floor_load", "clear_height", "power_capacity", "rent", "sale_price",
                                                                    "available_from", "status", "confirmed_until")
                    var filed: [SearchIndex.Filed] = []
                    for i in chunk..<min(total, chunk + batch) {
                        let kind: SpaceKind = i % 5 == 0 ? .land : (i % 5 < 3 ? .factory : .floor)
                        let area: Int64 = kind == .land ? Int64(6_667 + (i * 7_919) % 120_000) : (kind == .factory ? Int64(800 + (i * 104_729) % 19_200) : Int64(200 + (i * 3_571) % 4_800))
                        let label = "\(kind.nameZh) \(i % spacesPerPark + 1) 号"
                        let building = kind.hasBuilding
                        insert.values(SQLBind(true), SQLBind(PinyinSortKey.key(for: label)), SQLBind(now), SQLBind(now), SQLBind(String(format: "P-KJ-%07d", i)),
                                      SQLBind(label), SQLBind(parkIDs[i / spacesPerPark]), SQLBind(kind.rawValue), SQLBind(area),
                                      SQLBind(LandArea.muHundredths(squareMetres: area)),
                                      building ? SQLBind(Int64(kind == .factory ? 100 + (i % 5) * 50 : 30 + (i % 3) * 10)) : SQLLiteral.null,
                                      building ? SQLBind(Int64(kind == .factory ? 60 + (i % 7) * 10 : 36 + (i % 3) * 2)) : SQLLiteral.null,
                                      SQLBind(Int64(kind == .floor ? 100 + (i % 5) * 100 : 500 + (i % 11) * 500)),
                                      kind == .land ? SQLLiteral.null : SQLBind(Int64(1_500 + (i % 40) * 100)),
                                      kind == .land ? SQLBind(Int64(area / 667 * 40)) : SQLLiteral.null,
                                      i % 6 == 0 ? SQLBind(AttractionSeeder.day(today, 30 + i % 300)) : SQLLiteral.null,
                                      SQLBind(statuses[i % statuses.count]),
                                      // A tenth were last confirmed over 30 days ago.
                                      SQLBind(AttractionSeeder.day(today, i % 10 == 3 ? -(1 + i % 20) : 1 + i % 30)))
                        filed.append(.init(id: 0, sortKey: PinyinSortKey.key(for: label), texts: [String(format: "P-KJ-%07d", i), label]))
                    }
                    let first = (try await sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM spaces").first(decodingColumn: "m", as: Int.self) ?? 0) + 1
                    try await insert.run()
                    try await SearchIndex.insert("spaces", filed.enumerated().map { .init(id: first + $0.offset, sortKey: $0.element.sortKey, texts: $0.element.texts) }, on: sql)
                }
            }
            progress("  空间 \(min(total, start + batch * 20)) / \(total)")
        }

        progress("应用场景 \(scenarios) 个")
        try await db.transaction { tx in
            let sql = tx as! any SQLDatabase
            let insert = sql.insert(into: "scenarios").columns("active", "name_sort", "created_at", "updated_at", "code", "title", "owning_unit_id",
                                                               "need", "budget", "published_on", "deadline", "status")
            var filed: [SearchIndex.Filed] = []
            for i in 0..<scenarios {
                let title = "省级演示应用场景 \(i + 1) 号"
                let open = i % 3 != 0
                insert.values(SQLBind(true), SQLBind(PinyinSortKey.key(for: title)), SQLBind(now), SQLBind(now), SQLBind(String(format: "P-CJ-%04d", i)), SQLBind(title),
                              SQLBind(boards[i % boards.count]), SQLBind("征集面向产业园区的数字化、智能化解决方案（演示）。"), SQLBind(Int64(100 + i * 10)),
                              SQLBind(AttractionSeeder.day(today, -(i % 60))), SQLBind(AttractionSeeder.day(today, open ? 10 + i % 90 : -(i % 30) - 1)),
                              SQLBind(open ? "open" : "closed"))
                filed.append(.init(id: 0, sortKey: PinyinSortKey.key(for: title), texts: [String(format: "P-CJ-%04d", i), title, nil]))
            }
            let first = (try await sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM scenarios").first(decodingColumn: "m", as: Int.self) ?? 0) + 1
            try await insert.run()
            try await SearchIndex.insert("scenarios", filed.enumerated().map { .init(id: first + $0.offset, sortKey: $0.element.sortKey, texts: $0.element.texts) }, on: sql)
        }
        return Summary(parks: parks, spaces: total, scenarios: scenarios)
    }

    static func name(_ i: Int) -> String { String(format: "省级演示产业园 %05d", i + 1) }
}
