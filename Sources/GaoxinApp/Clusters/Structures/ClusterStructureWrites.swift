import Fluent
import Foundation
import GaoxinDomain
import Vapor

/// Structures are the cluster office's: created, changed (the groups replaced whole) and deleted
/// in one transaction with the audit row holding before → after.
enum ClusterStructureWrites {
    static let entity = "cluster_structure"

    /// A group's clusters as the input named them: by id (API) or by name (the form's lines).
    enum ClusterRef: Sendable { case id(Int), name(String) }

    struct PlannedGroup: Sendable {
        var line: Int?
        var name: String
        var clusters: [ClusterRef]
    }

    /// The kinds of unit that group clusters into a structure.
    static let owningKinds: Set<UnitKind> = [.city, .board, .zone]

    struct Fields: Sendable {
        var name: String
        var unitID: Int
        var note: String?
        var sortOrder: Int
        var groups: [(name: String, clusterIDs: [Int])]
    }

    /// Every rule at once: the name, and each group's clusters known, active and in one group only.
    static func validate(name: String?, unitID: Int? = nil, note: String?, sortOrder: Int?, groups: [PlannedGroup], parseErrors: [FieldError] = [],
                         existing: ClusterStructure?, on db: Database) async throws -> Fields {
        var v = FieldValidator()
        for error in parseErrors { v.add(error) }
        let name = v.requiredText("name", name ?? existing?.name, label: "体系名称", labelEn: "Name", max: 100)
        let note = v.optionalText("note", note ?? existing?.note, label: "备注", labelEn: "Note", max: 2000)
        let sortOrder = sortOrder ?? existing?.sortOrder ?? 0
        // Not given: kept on a change; on creation the root unit (the one city or zone of most deployments).
        var owner = unitID ?? existing?.unitID
        if owner == nil { owner = try await OrgUnit.query(on: db).filter(\.$parentID == nil).sort(\.$id).first()?.id }
        if let owner, let unit = try await OrgUnit.find(owner, on: db) {
            if !unit.active { v.add(.invalid("unitId", zh: "归属单位“\(unit.name)”已停用", en: "The unit \(unit.name) is deactivated")) }
            else if !owningKinds.contains(unit.unitKind) {
                v.add(.invalid("unitId", zh: "归属单位应为市、板块或园区，“\(unit.name)”是\(unit.unitKind.nameZh)", en: "The owner is a city, board or zone; \(unit.name) is not"))
            }
        } else {
            v.add(.invalid("unitId", zh: "请选择归属的市、板块或园区", en: "Choose the city, board or zone"))
        }
        v.check(InputLimits.sortOrder.contains(sortOrder), .invalid("sortOrder", zh: "排序号应在 -1000000 到 1000000 之间", en: "Sort order out of range"))
        let clusters = try await Cluster.query(on: db).all()
        let byID = Dictionary(uniqueKeysWithValues: clusters.map { ($0.id!, $0) })
        let byName = Dictionary(clusters.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var problems: [(String, String)] = []
        var placed: [Int: String] = [:]
        var resolved: [(name: String, clusterIDs: [Int])] = []
        var groupNames = Set<String>()
        for group in groups {
            let at = group.line.map { "第 \($0) 行" } ?? "分组“\(group.name)”"
            let atEn = group.line.map { "line \($0)" } ?? "group \(group.name)"
            if group.name.trimmingCharacters(in: .whitespaces).isEmpty { problems.append(("\(at)缺少分组名", "\(atEn) has no name")) }
            else if group.name.count > StructureGroupsText.maxGroupName || FieldValidator.hasControlCharacters(group.name, allowingLineBreaks: false) {
                problems.append(("\(at)的分组名应为一行、不超过 \(StructureGroupsText.maxGroupName) 字", "\(atEn): a group name is one line of at most \(StructureGroupsText.maxGroupName) characters"))
            }
            else if !groupNames.insert(group.name).inserted { problems.append(("分组“\(group.name)”重名", "group \(group.name) repeats")) }
            var ids: [Int] = []
            for ref in group.clusters {
                let found: Cluster?
                let label: String
                switch ref {
                case .id(let id): found = byID[id]; label = "ID \(id)"
                case .name(let text): found = byName[text]; label = "“\(text)”"
                }
                guard let cluster = found else { problems.append(("\(at)：找不到产业集群\(label)", "\(atEn): no cluster \(label)")); continue }
                if !cluster.active { problems.append(("\(at)：产业集群“\(cluster.name)”已停用", "\(atEn): cluster \(cluster.name) is deactivated")); continue }
                if let other = placed[cluster.id!] {
                    problems.append(("产业集群“\(cluster.name)”同时在分组“\(other)”和“\(group.name)”中，一个集群在同一体系中只能属于一个分组",
                                     "cluster \(cluster.name) is in both \(other) and \(group.name); a cluster belongs to one group of a structure"))
                    continue
                }
                placed[cluster.id!] = group.name
                ids.append(cluster.id!)
            }
            resolved.append((name: group.name, clusterIDs: ids))
        }
        if !problems.isEmpty { v.add(.invalid("groups", zh: problems.map(\.0).joined(separator: "；"), en: problems.map(\.1).joined(separator: "; "))) }
        if v.isValid {
            var query = ClusterStructure.query(on: db).filter(\.$name == name)
            if let id = existing?.id { query = query.filter(\.$id != id) }
            if try await query.count() > 0 { v.add(FieldError(field: "name", code: "duplicate", zh: "已有名为“\(name)”的集群体系", en: "A structure has this name")) }
        }
        try v.throwIfInvalid()
        return Fields(name: name, unitID: owner ?? 0, note: note, sortOrder: sortOrder, groups: resolved)
    }

    static func save(_ fields: Fields, existing: ClusterStructure?, _ req: Request) async throws -> ClusterStructure {
        try await req.db.transaction { tx in
            var before: ClusterStructureDTO?
            if let existing { before = try await ClusterStructureQueries.dto(existing, on: tx) }
            let structure = existing ?? ClusterStructure()
            structure.name = fields.name
            structure.unitID = fields.unitID
            structure.note = fields.note
            structure.sortOrder = fields.sortOrder
            if existing == nil { structure.active = true }
            try await structure.save(on: tx)
            let id = structure.id!
            try await ClusterStructureMember.query(on: tx).filter(\.$structureID == id).delete()
            try await ClusterStructureGroup.query(on: tx).filter(\.$structureID == id).delete()
            try await writeGroups(fields.groups.map { ($0.name, $0.clusterIDs) }, of: id, on: tx)
            let after = try await ClusterStructureQueries.dto(structure, on: tx)
            try await AuditLog.record(req, on: tx, action: before == nil ? .create : .update, entity: entity, entityID: "\(id)",
                                      summary: (before == nil ? "新建集群体系“" : "修改集群体系“") + structure.name + "”", before: before, after: after)
            return structure
        }
    }

    /// A structure's groups and their clusters, in order (the structure has none yet).
    static func writeGroups(_ groups: [(name: String, clusterIDs: [Int])], of structureID: Int, on db: Database) async throws {
        for (position, group) in groups.enumerated() {
            let row = ClusterStructureGroup()
            row.structureID = structureID
            row.name = group.name
            row.position = position
            try await row.create(on: db)
            for (index, cluster) in group.clusterIDs.enumerated() {
                let member = ClusterStructureMember()
                member.structureID = structureID
                member.groupID = row.id!
                member.clusterID = cluster
                member.position = index
                try await member.create(on: db)
            }
        }
    }

    static func delete(_ structure: ClusterStructure, _ req: Request) async throws {
        try await req.db.transaction { tx in
            let before = try await ClusterStructureQueries.dto(structure, on: tx)
            try await ClusterStructureMember.query(on: tx).filter(\.$structureID == structure.id!).delete()
            try await ClusterStructureGroup.query(on: tx).filter(\.$structureID == structure.id!).delete()
            try await structure.delete(on: tx)
            try await AuditLog.record(req, on: tx, action: .delete, entity: entity, entityID: "\(before.id)",
                                      summary: "删除集群体系“\(before.name)”", before: before, after: NoSnapshot?.none)
        }
    }
}

final class ClusterStructureGroup: Model, @unchecked Sendable {
    static let schema = "cluster_structure_groups"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "structure_id") var structureID: Int
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int

    init() {}
}

final class ClusterStructureMember: Model, @unchecked Sendable {
    static let schema = "cluster_structure_members"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "structure_id") var structureID: Int
    @Field(key: "group_id") var groupID: Int
    @Field(key: "cluster_id") var clusterID: Int
    @Field(key: "position") var position: Int

    init() {}
}
