import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import SQLKit
import Vapor

/// Each cluster's checklists: per item its status — derived from the records that fulfil it
/// wherever a record can, from the unit named for a team or task force, else as entered — with
/// those records shown. Reads a fixed number of queries for any number of clusters.
enum ChecklistBoard {
    struct Evidence: Content, Equatable {
        var name: String
        var path: String
    }

    struct Item: Content, Equatable {
        var itemId: Int
        var name: String
        var source: String
        var sourceName: String
        var rule: String
        var status: String
        var statusName: String
        /// A record (or a named unit) decided the status.
        var derived: Bool
        var records: [Evidence]
        var unitId: Int?
        var note: String?
    }

    struct Template: Content, Equatable {
        var templateId: Int
        var name: String
        var done: Int
        var total: Int
        var items: [Item]
    }

    static var templateSchema: JSONSchema {
        let evidence = JSONSchema.object(properties: ["name": .string, "path": .string])
        let item = JSONSchema.object(properties: [
            "itemId": .integer, "name": .string, "source": .string(allowedValues: ChecklistSource.allCases.map { AnyCodable($0.rawValue) }),
            "sourceName": .string, "rule": .string, "status": .string(allowedValues: ChecklistStatus.allCases.map { AnyCodable($0.rawValue) }),
            "statusName": .string, "derived": .boolean, "records": .array(items: evidence), "unitId": .integer(required: false, nullable: true),
            "note": .string(required: false, nullable: true),
        ])
        return .object(properties: ["templateId": .integer, "name": .string, "done": .integer, "total": .integer, "items": .array(items: item)])
    }

    /// The active templates and their active items, in order.
    static func templates(on db: Database) async throws -> [(template: ChecklistTemplate, items: [ChecklistItem])] {
        let templates = try await ChecklistTemplate.query(on: db).filter(\.$active == true).sort(\.$sortOrder).sort(\.$name).all()
        let ids = templates.compactMap(\.id)
        let items = ids.isEmpty ? [] : try await ChecklistItem.query(on: db).filter(\.$templateID ~~ ids).filter(\.$active == true).sort(\.$position).all()
        let byTemplate = Dictionary(grouping: items, by: \.templateID)
        return templates.map { ($0, byTemplate[$0.id!] ?? []) }
    }

    static func states(_ clusterIDs: [Int], templates: [(template: ChecklistTemplate, items: [ChecklistItem])], lang: UILanguage,
                       on db: Database) async throws -> [Int: [Template]] {
        let items = templates.flatMap(\.items)
        guard !clusterIDs.isEmpty, !items.isEmpty else { return [:] }
        let sql = db as! any SQLDatabase
        let evidence = try await ChecklistEvidence.load(Set(items.map(\.checklistSource)), clusters: clusterIDs, on: sql)
        let entries = try await ChecklistEntry.query(on: db).filter(\.$clusterID ~~ clusterIDs).filter(\.$itemID ~~ items.compactMap(\.id)).all()
        let entryFor = Dictionary(entries.map { ("\($0.clusterID)/\($0.itemID)", $0) }, uniquingKeysWith: { a, _ in a })
        let unitIDs = Array(Set(entries.compactMap(\.unitID)))
        let units = unitIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await OrgUnit.query(on: db).filter(\.$id ~~ unitIDs).all().map { ($0.id!, $0) })
        var result: [Int: [Template]] = [:]
        for cluster in clusterIDs {
            result[cluster] = templates.map { template, items in
                let states = items.map { item -> Item in
                    let source = item.checklistSource
                    let entry = entryFor["\(cluster)/\(item.id!)"]
                    var records = (evidence[source]?[cluster] ?? []).map { Evidence(name: $0.name, path: $0.path) }
                    if let kind = source.unitKind, let id = entry?.unitID, let unit = units[id], unit.active, unit.kind == kind.rawValue {
                        records.append(Evidence(name: unit.name, path: Site.unit(id)))
                    }
                    let entered = entry.flatMap { ChecklistStatus(rawValue: $0.status) } ?? .missing
                    let status: ChecklistStatus = !records.isEmpty && source.isDerived ? .done : (source.isDerived && entered == .done ? .inProgress : entered)
                    return Item(itemId: item.id!, name: item.name, source: source.rawValue, sourceName: lang.t(source.nameZh, source.nameEn),
                                rule: lang.t(source.ruleZh, source.ruleEn), status: status.rawValue, statusName: lang.t(status.nameZh, status.nameEn),
                                derived: source.isDerived && !records.isEmpty, records: records, unitId: entry?.unitID, note: entry?.note)
                }
                return Template(templateId: template.id!, name: template.name, done: states.filter { $0.status == ChecklistStatus.done.rawValue }.count,
                                total: states.count, items: states)
            }
        }
        return result
    }
}
