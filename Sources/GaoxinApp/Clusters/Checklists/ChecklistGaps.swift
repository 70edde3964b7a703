import Fluent
import Foundation
import GaoxinDomain
import GaoxinSheets
import OpenAPIKit30
import Vapor

/// One template across every active cluster: each item's status per cluster, how many clusters
/// miss each item — the gaps view the office works from, and its export.
struct ChecklistGaps: Content, APISchema {
    struct Item: Content, Equatable {
        var itemId: Int
        var name: String
        var source: String
        var missing: Int
    }

    struct Row: Content, Equatable {
        var clusterId: Int
        var name: String
        var done: Int
        var statuses: [String]
        var statusNames: [String]
    }

    var templateId: Int
    var templateName: String
    var items: [Item]
    var clusters: [Row]

    static let schemaName = "ChecklistGaps"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "templateId": .integer, "templateName": .string,
            "items": .array(items: .object(properties: ["itemId": .integer, "name": .string, "source": .string, "missing": .integer])),
            "clusters": .array(items: .object(properties: ["clusterId": .integer, "name": .string, "done": .integer,
                                                           "statuses": .array(items: .string), "statusNames": .array(items: .string)])),
        ])
    }

    /// `?template=` (default: the first active template).
    static func make(_ req: Request) async throws -> ChecklistGaps {
        let templates = try await ChecklistBoard.templates(on: req.db)
        var wanted: Int?
        if let raw = req.query[String.self, at: "template"], !raw.isEmpty {
            guard let id = Int(raw), id > 0 else { throw AppError.badRequest("清单模板“\(raw)”应为正整数 ID", field: "template") }
            wanted = id
        }
        guard let chosen = wanted.map({ id in templates.first { $0.template.id == id } }) ?? templates.first else {
            throw AppError.notFound("该机制清单")
        }
        let clusters = try await Cluster.query(on: req.db).filter(\.$active == true).sort(\.$sortOrder).sort(\.$name).all()
        let states = try await ChecklistBoard.states(clusters.compactMap(\.id), templates: [chosen], lang: req.uiLanguage, on: req.db)
        let rows = clusters.map { cluster -> Row in
            let items = states[cluster.id!]?.first?.items ?? []
            return Row(clusterId: cluster.id!, name: cluster.name, done: items.filter { $0.status == ChecklistStatus.done.rawValue }.count,
                       statuses: items.map(\.status), statusNames: items.map(\.statusName))
        }
        let items = chosen.items.enumerated().map { index, item in
            Item(itemId: item.id!, name: item.name, source: item.source,
                 missing: rows.filter { $0.statuses.indices.contains(index) && $0.statuses[index] != ChecklistStatus.done.rawValue }.count)
        }
        return ChecklistGaps(templateId: chosen.template.id!, templateName: chosen.template.name, items: items, clusters: rows)
    }

    func sheet(_ lang: UILanguage) -> SheetTable {
        let header = [SheetCell.text(lang.t("集群", "Cluster"))] + items.map { SheetCell.text($0.name) } + [.text(lang.t("已完成", "Done"))]
        let body = clusters.map { row in [SheetCell.text(row.name)] + row.statusNames.map { SheetCell.text($0) } + [.number(Double(row.done))] }
        let footer = [SheetCell.text(lang.t("缺项集群数", "Clusters missing it"))] + items.map { SheetCell.number(Double($0.missing)) }
        return SheetTable(name: templateName, rows: [header] + body + [footer])
    }
}
