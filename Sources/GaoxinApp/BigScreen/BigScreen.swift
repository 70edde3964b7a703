import Fluent
import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// 大屏 (SPEC §4, issue 14 item 6): what a wall display shows — the programme's headline figures,
/// the boards on the city's map with their enterprises and the parks at their coordinates, clusters against their targets and the
/// units' target ranking. Read from the latest stored bulletin (the office's official figures,
/// one row) and the enterprise roll-up (a few thousand rows), so a refresh costs two indexed
/// reads whatever the size of the registers.
struct BigScreen: Content, Sendable {
    struct Tile: Content, Sendable, Equatable {
        var key: String
        var label: String
        var value: String
        var unit: String
        /// red / yellow / green where the figure has a light.
        var light: String?
    }

    struct Board: Content, Sendable, Equatable {
        var unitId: Int
        var name: String
        var enterprises: Int
        var aboveScale: Int
        /// The district of the bundled map it is drawn on (nil: not on the map, listed beside it).
        var adcode: String?
    }

    struct ClusterBar: Content, Sendable, Equatable {
        var name: String
        var yearToDate: Int64
        var annualTarget: Int64?
        var progress: Double?
        var light: String?
    }

    /// A park with coordinates, placed on the map (viewBox units), by level.
    struct ParkPoint: Content, Sendable, Equatable {
        var parkId: Int
        var name: String
        var kind: String
        var level: String
        var x: Double
        var y: Double
    }

    struct Ranked: Content, Sendable, Equatable {
        var rank: Int
        var unit: String
        var completion: Double?
        var light: String
    }

    var title: String
    /// The bulletin the figures come from (nil before the first is drawn).
    var month: String?
    var final: Bool
    var periodText: String?
    var tiles: [Tile]
    var boards: [Board]
    var parks: [ParkPoint]
    var clusters: [ClusterBar]
    var ranking: [Ranked]
    var refreshedAt: Date

    static let refreshSeconds = 60
    static let rankingShown = 10
    static let clustersShown = 12

    static func load(now: Date, on db: Database) async throws -> BigScreen {
        let sql = db as! any SQLDatabase
        async let latest = BulletinRecord.query(on: db).sort(\.$month, .descending).first()
        async let root = sql.raw("SELECT name FROM units WHERE parent_id IS NULL AND active = \(bind: true) ORDER BY sort_order, id LIMIT 1")
            .first(decodingColumn: "name", as: String.self)
        async let totals = EnterpriseCounts.activeTotals(on: sql)
        async let boards = boardFigures(on: sql)
        async let parks = parkPoints(on: sql)
        let record = try await latest
        let content = try record.map { try $0.content() }
        let (enterprises, aboveScale) = try await totals
        var tiles = [
            Tile(key: "enterprises", label: "在册企业", value: Wan.grouped(UInt64(enterprises)), unit: "家"),
            Tile(key: "aboveScale", label: "规上企业", value: Wan.grouped(UInt64(aboveScale)), unit: "家"),
        ]
        if let content {
            let total = content.clusterTotal
            tiles += [
                Tile(key: "clusterRevenue", label: "集群规上营收（\(content.periodText)）", value: Wan(total.yearToDate).yiText, unit: "亿元", light: total.light),
                Tile(key: "growth", label: "同比增长", value: total.growth.map { String(format: "%.1f", $0 * 100) } ?? "—", unit: "%"),
                Tile(key: "overThousand", label: "千亿级集群", value: "\(content.tiers.first?.clusters.count ?? 0)", unit: "个"),
                Tile(key: "keyProjects", label: "重点项目", value: "\(content.keyProjects.keyProjects)", unit: "个"),
                Tile(key: "investmentRate", label: "投资完成率", value: content.investment.total.rate.map { String(format: "%.1f", $0 * 100) } ?? "—", unit: "%",
                     light: content.investment.total.light),
                Tile(key: "lateProjects", label: "滞后项目", value: "\(content.lateProjects.count)", unit: "个", light: content.lateProjects.count > 0 ? "red" : "green"),
                Tile(key: "overdueObstacles", label: "逾期问题", value: "\(content.obstacles.overdue)", unit: "个", light: content.obstacles.overdue > 0 ? "red" : "green"),
            ]
        }
        let clusters = (content?.clusters ?? []).prefix(clustersShown).map {
            ClusterBar(name: $0.name, yearToDate: $0.yearToDate, annualTarget: $0.annualTarget, progress: $0.progress, light: $0.light)
        }
        let ranking = (content?.targets.rows ?? []).prefix(rankingShown).map { Ranked(rank: $0.rank, unit: $0.unit, completion: $0.completion, light: $0.light) }
        return BigScreen(title: (try await root ?? "高新区") + "产业生态数据大屏", month: content?.header.month, final: content?.header.final ?? false,
                         periodText: content?.periodText, tiles: tiles, boards: try await boards, parks: try await parks, clusters: Array(clusters), ranking: Array(ranking), refreshedAt: now)
    }

    static let parksShown = 200

    /// The active parks with coordinates inside the map, national and provincial first.
    static func parkPoints(on sql: any SQLDatabase, map: BoardMap = .wuxi) async throws -> [ParkPoint] {
        let rows = try await sql.raw("""
            SELECT id, name, kind, level, longitude, latitude FROM parks WHERE active AND longitude IS NOT NULL AND latitude IS NOT NULL
            ORDER BY CASE level WHEN 'national' THEN 0 WHEN 'provincial' THEN 1 WHEN 'municipal' THEN 2 ELSE 3 END, id LIMIT \(bind: parksShown)
            """).all()
        return try rows.compactMap { row in
            let degrees = 1_000_000.0
            guard let point = map.point(longitude: Double(try row.decode(column: "longitude", as: Int64.self)) / degrees,
                                        latitude: Double(try row.decode(column: "latitude", as: Int64.self)) / degrees) else { return nil }
            return ParkPoint(parkId: try row.decode(column: "id", as: Int.self), name: try row.decode(column: "name", as: String.self),
                             kind: try row.decode(column: "kind", as: String.self), level: try row.decode(column: "level", as: String.self),
                             x: (point.x * 10).rounded() / 10, y: (point.y * 10).rounded() / 10)
        }
    }

    /// Each board's active enterprises (its whole subtree), from the roll-up; placed on the map
    /// where the bundled boundaries have its district.
    static func boardFigures(on sql: any SQLDatabase) async throws -> [Board] {
        let rows = try await sql.raw("""
            SELECT b.id, b.name, CAST(COALESCE(SUM(c.n), 0) AS BIGINT) AS n,
                   CAST(COALESCE(SUM(CASE WHEN c.above_scale THEN c.n ELSE 0 END), 0) AS BIGINT) AS above
            FROM units b JOIN units u ON u.path LIKE b.path || '%'
            LEFT JOIN enterprise_counts c ON c.unit_id = u.id AND c.active = \(bind: true)
            WHERE b.kind = \(bind: UnitKind.board.rawValue) AND b.active = \(bind: true)
            GROUP BY b.id, b.name, b.sort_order ORDER BY b.sort_order, b.id
            """).all()
        return try rows.map { row in
            let name = try row.decode(column: "name", as: String.self)
            return Board(unitId: try row.decode(column: "id", as: Int.self), name: name, enterprises: try row.decode(column: "n", as: Int.self),
                         aboveScale: try row.decode(column: "above", as: Int.self), adcode: BoardMap.wuxi.district(forBoard: name)?.adcode)
        }
    }
}
