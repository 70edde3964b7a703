import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// Entries are written by whoever may write the cluster (its lead department, the office);
/// templates by the office. Every change is audited before → after.
enum ChecklistWrites {
    static let entryEntity = "checklist_entry"
    static let templateEntity = "checklist_template"

    struct EntrySnapshot: Content, Equatable {
        var clusterId: Int
        var itemId: Int
        var itemName: String
        var status: String
        var unitId: Int?
        var note: String?
    }

    static func item(_ id: Int?, on db: Database) async throws -> ChecklistItem {
        guard let id, let item = try await ChecklistItem.find(id, on: db), item.active else { throw AppError.notFound("该清单项目") }
        return item
    }

    /// Checks an entry: a status a record decides is not set to done by hand; a unit only for a
    /// team or task-force item, active and of that kind.
    static func validate(_ item: ChecklistItem, status rawStatus: String?, unitID: Int?, note: String?, on db: Database) async throws -> (ChecklistStatus, Int?, String?) {
        var v = FieldValidator()
        let source = item.checklistSource
        let text = (rawStatus ?? "").trimmingCharacters(in: .whitespaces)
        let status = text.isEmpty ? ChecklistStatus.missing : ChecklistStatus.allCases.first { $0.rawValue == text || $0.nameZh == text }
        if status == nil { v.add(.invalid("status", zh: "状态只能是：" + ChecklistStatus.allCases.map(\.nameZh).joined(separator: "、"), en: "Unknown status")) }
        if status == .done, source.isDerived {
            v.add(.invalid("status", zh: "“\(item.name)”由记录决定（\(source.ruleZh)），不能手工标为已完成", en: "\(item.name) is decided by records (\(source.ruleEn)); it cannot be marked done by hand"))
        }
        if let unitID {
            if let kind = source.unitKind {
                let unit = try await OrgUnit.find(unitID, on: db)
                if unit == nil || unit?.active != true || unit?.kind != kind.rawValue {
                    v.add(.invalid("unitId", zh: "应选择一个在用的\(kind.nameZh)单位", en: "Choose an active \(kind.nameEn.lowercased()) unit"))
                }
            } else {
                v.add(.invalid("unitId", zh: "“\(item.name)”不指定单位", en: "\(item.name) names no unit"))
            }
        }
        let note = v.optionalText("note", note, label: "备注", labelEn: "Note", max: 500)
        try v.throwIfInvalid()
        return (status!, unitID, note)
    }

    @discardableResult
    static func saveEntry(_ cluster: Cluster, _ item: ChecklistItem, status: String?, unitID: Int?, note: String?, _ req: Request) async throws -> ChecklistEntry {
        try await ClusterWrites.requireOwnership(cluster, actor: try req.requireActor(), on: req.db)
        let (status, unitID, note) = try await validate(item, status: status, unitID: unitID, note: note, on: req.db)
        return try await req.db.transaction { tx in
            let existing = try await ChecklistEntry.query(on: tx).filter(\.$clusterID == cluster.id!).filter(\.$itemID == item.id!).first()
            let before = existing.map { snapshot($0, item) }
            let entry = existing ?? ChecklistEntry()
            entry.clusterID = cluster.id!
            entry.itemID = item.id!
            entry.status = status.rawValue
            entry.unitID = unitID
            entry.note = note
            if let before, before == snapshot(entry, item) { return entry }
            try await entry.save(on: tx)
            try await AuditLog.record(req, on: tx, action: before == nil ? .create : .update, entity: entryEntity, entityID: "\(cluster.id!)/\(item.id!)",
                                      summary: "“\(cluster.name)”机制清单：\(item.name)", before: before, after: snapshot(entry, item))
            return entry
        }
    }

    static func snapshot(_ entry: ChecklistEntry, _ item: ChecklistItem) -> EntrySnapshot {
        EntrySnapshot(clusterId: entry.clusterID, itemId: item.id!, itemName: item.name, status: entry.status, unitId: entry.unitID, note: entry.note)
    }

    // MARK: templates

    struct TemplateSnapshot: Content, Equatable {
        var id: Int
        var name: String
        var note: String?
        var locked: Bool
        var active: Bool
        var items: [String]
    }

    static func templateSnapshot(_ template: ChecklistTemplate, on db: Database) async throws -> TemplateSnapshot {
        let items = try await ChecklistItem.query(on: db).filter(\.$templateID == template.id!).filter(\.$active == true).sort(\.$position).all()
        return TemplateSnapshot(id: template.id!, name: template.name, note: template.note, locked: template.locked, active: template.active,
                                items: items.map { $0.checklistSource == .manual ? $0.name : "\($0.name)：\($0.checklistSource.nameZh)" })
    }

    /// Creates or changes a template; its items are given as lines (`ChecklistItemsText`). An item
    /// kept by name keeps its entries; one left out is retired, not deleted.
    static func saveTemplate(_ existing: ChecklistTemplate?, name rawName: String?, note rawNote: String?, itemsText: String?, _ req: Request) async throws -> ChecklistTemplate {
        var v = FieldValidator()
        let name = v.requiredText("name", rawName ?? existing?.name, label: "清单名称", labelEn: "Name", max: 50)
        let note = v.optionalText("note", rawNote ?? existing?.note, label: "说明", labelEn: "Note", max: 500)
        var items: [(name: String, source: ChecklistSource)]? = nil
        if let itemsText {
            switch ChecklistItemsText.parse(itemsText) {
            case .success(let parsed): items = parsed
            case .failure(let failed): failed.errors.forEach { v.add($0) }
            }
        }
        if existing?.locked == true, let items {
            let current = try await templateSnapshot(existing!, on: req.db).items
            if ChecklistItemsText.format(items) != current.joined(separator: "\n") {
                v.add(.invalid("items", zh: "“\(existing!.name)”是内置清单，项目不能修改", en: "\(existing!.name) is built in; its items cannot change"))
            }
        }
        if existing == nil, items == nil { v.add(.required("items", label: "清单项目", labelEn: "Items")) }
        if v.isValid {
            var query = ChecklistTemplate.query(on: req.db).filter(\.$name == name)
            if let id = existing?.id { query = query.filter(\.$id != id) }
            if try await query.count() > 0 { v.add(FieldError(field: "name", code: "duplicate", zh: "已有名为“\(name)”的清单", en: "A template has this name")) }
        }
        try v.throwIfInvalid()
        let newItems = items
        return try await req.db.transaction { tx in
            var before: TemplateSnapshot?
            if let existing { before = try await templateSnapshot(existing, on: tx) }
            let template = existing ?? ChecklistTemplate()
            template.name = name
            template.note = note
            if existing == nil {
                template.locked = false
                template.active = true
                template.sortOrder = 100
            }
            try await template.save(on: tx)
            if let items = newItems, template.locked == false {
                let current = try await ChecklistItem.query(on: tx).filter(\.$templateID == template.id!).all()
                var kept = Set<Int>()
                for (position, item) in items.enumerated() {
                    let row = current.first { $0.name == item.name } ?? ChecklistItem()
                    row.templateID = template.id!
                    row.name = item.name
                    row.source = item.source.rawValue
                    row.position = position
                    row.active = true
                    try await row.save(on: tx)
                    kept.insert(row.id!)
                }
                for row in current where !kept.contains(row.id!) && row.active {
                    row.active = false
                    try await row.save(on: tx)
                }
            }
            let after = try await templateSnapshot(template, on: tx)
            if before != after {
                try await AuditLog.record(req, on: tx, action: before == nil ? .create : .update, entity: templateEntity, entityID: "\(template.id!)",
                                          summary: (before == nil ? "新建机制清单“" : "修改机制清单“") + template.name + "”", before: before, after: after)
            }
            return template
        }
    }
}
