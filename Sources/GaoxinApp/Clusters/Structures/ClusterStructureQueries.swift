import Fluent
import Vapor

enum ClusterStructureQueries {
    static func find(_ req: Request) async throws -> ClusterStructure {
        guard let id = req.parameters.get("id", as: Int.self), let structure = try await ClusterStructure.find(id, on: req.db) else {
            throw AppError.notFound("该集群体系")
        }
        return structure
    }

    /// The structure with its groups in order, each with its clusters in order (three reads).
    static func dto(_ structure: ClusterStructure, on db: Database) async throws -> ClusterStructureDTO {
        let groups = try await ClusterStructureGroup.query(on: db).filter(\.$structureID == structure.id!).sort(\.$position).all()
        let members = try await ClusterStructureMember.query(on: db).filter(\.$structureID == structure.id!).sort(\.$position).all()
        let ids = Array(Set(members.map(\.clusterID)))
        let names = ids.isEmpty ? [:] : Dictionary(uniqueKeysWithValues: try await Cluster.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.name) })
        let byGroup = Dictionary(grouping: members, by: \.groupID)
        let unit = try await structure.unitID.asyncMap { try await OrgUnit.find($0, on: db) } ?? nil
        return ClusterStructureDTO(
            id: structure.id!, name: structure.name, unitId: structure.unitID, unitName: unit?.name, note: structure.note, sortOrder: structure.sortOrder, active: structure.active,
            groups: groups.map { group in
                let clusters = byGroup[group.id!] ?? []
                return .init(name: group.name, clusterIds: clusters.map(\.clusterID), clusterNames: clusters.map { names[$0.clusterID] ?? "#\($0.clusterID)" })
            })
    }

    static func all(on db: Database) async throws -> [ClusterStructureDTO] {
        var result: [ClusterStructureDTO] = []
        for structure in try await ClusterStructure.query(on: db).sort(\.$sortOrder).sort(\.$name).all() {
            result.append(try await dto(structure, on: db))
        }
        return result
    }
}
