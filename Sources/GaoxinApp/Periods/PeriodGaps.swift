import Foundation
import GaoxinDomain
import SQLKit
import Vapor

/// What a month still lacks before it can be closed: above-scale enterprises without the month's
/// figures, top-down clusters without the month's revenue, and projects whose investment for the
/// year is not yet reported through that month. Each gap counts all and names the first few.
struct PeriodGap: Content, Sendable, Equatable {
    struct Item: Content, Sendable, Equatable {
        let name: String
        let path: String
    }

    let key: String
    let title: String
    let titleEn: String
    let count: Int
    let items: [Item]
}

enum PeriodGaps {
    static let shown = 20

    static func find(_ month: Period, on sql: any SQLDatabase) async throws -> [PeriodGap] {
        async let enterprises = gap(key: "enterpriseFigures", title: "未报送当月数据的规上企业", titleEn: "Above-scale enterprises without the month's figures",
                                    from: """
                                        FROM enterprises e WHERE e.active = \(bind: true) AND e.above_scale = \(bind: true)
                                        AND NOT EXISTS (SELECT 1 FROM enterprise_indicators i WHERE i.enterprise_id = e.id AND i.period = \(bind: month.description))
                                        """, name: "e.name", id: "e.id", path: { Site.enterprise($0) }, on: sql)
        async let clusters = gap(key: "clusterFigures", title: "未填报当月规上营收的集群（自上而下口径）", titleEn: "Top-down clusters without the month's revenue",
                                 from: """
                                     FROM clusters c WHERE c.active = \(bind: true) AND c.figures_source = \(bind: ClusterFiguresSource.topDown.rawValue)
                                     AND NOT EXISTS (SELECT 1 FROM cluster_reported_figures f WHERE f.cluster_id = c.id AND f.period = \(bind: month.description))
                                     """, name: "c.name", id: "c.id", path: { Site.cluster($0) }, on: sql)
        async let investments = gap(key: "projectInvestments", title: "当年投资未报至本月的项目", titleEn: "Projects whose investment is not reported through the month",
                                    from: """
                                        FROM project_investments v JOIN projects p ON p.id = v.project_id
                                        WHERE v.active = \(bind: true) AND p.active = \(bind: true) AND v.year = \(bind: month.year)
                                        AND (v.reported_through IS NULL OR v.reported_through < \(bind: month.month))
                                        """, name: "p.name", id: "p.id", path: { RegisterDeclaration.projects.path($0) }, on: sql)
        return try await [enterprises, clusters, investments]
    }

    private static func gap(key: String, title: String, titleEn: String, from: SQLQueryString, name: String, id: String,
                            path: @escaping @Sendable (Int) -> String, on sql: any SQLDatabase) async throws -> PeriodGap {
        let count = try await sql.raw("SELECT COUNT(*) AS n " + from).first(decodingColumn: "n", as: Int.self) ?? 0
        guard count > 0 else { return PeriodGap(key: key, title: title, titleEn: titleEn, count: 0, items: []) }
        let rows = try await sql.raw("SELECT \(unsafeRaw: id) AS id, \(unsafeRaw: name) AS name " + from + " ORDER BY \(unsafeRaw: id) LIMIT \(unsafeRaw: String(shown))").all()
        let items = try rows.map { PeriodGap.Item(name: try $0.decode(column: "name", as: String.self), path: path(try $0.decode(column: "id", as: Int.self))) }
        return PeriodGap(key: key, title: title, titleEn: titleEn, count: count, items: items)
    }
}
