import Fluent
import GaoxinDomain
import Vapor

/// HTML and JSON handlers of cluster structures; one validation path for the form's lines and
/// the API's ids.
enum ClusterStructurePages {
    static func index(_ req: Request) async throws -> Response {
        let structures = try await ClusterStructureQueries.all(on: req.db)
        let canWrite = req.actor?.hasAny(Policies.clusterRegistry.write) ?? false
        return try await req.renderPage { ClusterStructureViews.index($0, structures, canWrite: canWrite) }
    }

    static func show(_ req: Request) async throws -> Response {
        let structure = try await ClusterStructureQueries.find(req)
        let totals = try await ClusterStructureTotals.make(structure, month: try ClusterPages.monthQuery(req), now: req.now, on: req.db)
        let canWrite = req.actor?.hasAny(Policies.clusterRegistry.write) ?? false
        return try await req.renderPage { ClusterStructureViews.show($0, totals, canWrite: canWrite) }
    }

    static func newForm(_ req: Request) async throws -> Response {
        try await form(req, id: nil, values: [:], errors: [])
    }

    static func editForm(_ req: Request) async throws -> Response {
        let structure = try await ClusterStructureQueries.find(req)
        let dto = try await ClusterStructureQueries.dto(structure, on: req.db)
        return try await form(req, id: structure.id, values: ["name": dto.name, "unitId": dto.unitId.map(String.init) ?? "", "note": dto.note ?? "", "sortOrder": "\(dto.sortOrder)", "groups": dto.groupsText], errors: [])
    }

    static func create(_ req: Request) async throws -> Response { try await submit(req, existing: nil) }
    static func update(_ req: Request) async throws -> Response { try await submit(req, existing: try await ClusterStructureQueries.find(req)) }

    static func delete(_ req: Request) async throws -> Response {
        try await ClusterStructureWrites.delete(try await ClusterStructureQueries.find(req), req)
        return .redirect(Site.clusterStructures + "?notice=deleted")
    }

    private static func submit(_ req: Request, existing: ClusterStructure?) async throws -> Response {
        let posted = try req.content.decode([String: String].self)
        var parseErrors: [FieldError] = []
        var groups: [ClusterStructureWrites.PlannedGroup] = []
        switch StructureGroupsText.parse(posted["groups"] ?? "") {
        case .success(let parsed): groups = parsed.map { .init(line: $0.line, name: $0.name, clusters: $0.clusters.map { .name($0) }) }
        case .failure(let failed): parseErrors = failed.errors
        }
        var unitID: Int?
        if let raw = posted["unitId"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let value = Int(raw), value > 0 { unitID = value } else { parseErrors.append(.invalid("unitId", zh: "请选择归属的市、板块或园区", en: "Choose the city, board or zone")) }
        }
        var sortOrder: Int?
        if let raw = posted["sortOrder"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let value = Int(raw) { sortOrder = value } else { parseErrors.append(.invalid("sortOrder", zh: "排序号应为整数", en: "Sort order must be a whole number")) }
        }
        do {
            let fields = try await ClusterStructureWrites.validate(name: posted["name"] ?? "", unitID: unitID, note: posted["note"] ?? "", sortOrder: sortOrder, groups: groups,
                                                                   parseErrors: parseErrors, existing: existing, on: req.db)
            let structure = try await ClusterStructureWrites.save(fields, existing: existing, req)
            return .redirect(Site.clusterStructure(structure.id!) + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await form(req, id: existing?.id, values: posted, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    private static func form(_ req: Request, id: Int?, values: [String: String], errors: [FieldError], status: HTTPResponseStatus = .ok) async throws -> Response {
        let clusters = try await Cluster.query(on: req.db).filter(\.$active == true).sort(\.$sortOrder).sort(\.$name).all().map(\.name)
        let kinds = ClusterStructureWrites.owningKinds.map(\.rawValue)
        let owning = Set(try await OrgUnit.query(on: req.db).filter(\.$kind ~~ kinds).all().compactMap(\.id))
        let owners = try await UnitQueries.tree(on: req.db).filter { owning.contains($0.id) }
            .map(\.option)
        return try await req.renderPage(status: status) { ClusterStructureViews.form($0, id: id, values: values, owners: owners, clusterNames: clusters, errors: errors) }
    }

    // MARK: API

    static func apiList(_ req: Request) async throws -> Response {
        try .json(ClusterStructureListDTO(items: try await ClusterStructureQueries.all(on: req.db)))
    }

    static func apiShow(_ req: Request) async throws -> Response {
        let structure = try await ClusterStructureQueries.find(req)
        return try .json(try await ClusterStructureTotals.make(structure, month: try ClusterPages.monthQuery(req), now: req.now, on: req.db))
    }

    static func apiCreate(_ req: Request) async throws -> Response {
        let structure = try await apiSave(req, existing: nil)
        return try .json(try await ClusterStructureQueries.dto(structure, on: req.db), status: .created)
    }

    static func apiUpdate(_ req: Request) async throws -> Response {
        let structure = try await apiSave(req, existing: try await ClusterStructureQueries.find(req))
        return try .json(try await ClusterStructureQueries.dto(structure, on: req.db))
    }

    static func apiDelete(_ req: Request) async throws -> Response {
        try await ClusterStructureWrites.delete(try await ClusterStructureQueries.find(req), req)
        return Response(status: .noContent)
    }

    /// PUT replaces the groups when it names them and keeps them when it does not.
    private static func apiSave(_ req: Request, existing: ClusterStructure?) async throws -> ClusterStructure {
        let input = try APIBody.decode(ClusterStructureInput.self, req)
        var groups = (input.groups ?? []).map { ClusterStructureWrites.PlannedGroup(line: nil, name: $0.name, clusters: $0.clusterIds.map { .id($0) }) }
        if input.groups == nil, let existing {
            groups = try await ClusterStructureQueries.dto(existing, on: req.db).groups.map { .init(line: nil, name: $0.name, clusters: $0.clusterIds.map { .id($0) }) }
        }
        // PUT names the structure again: an absent name is an empty one, refused like on creation.
        let fields = try await ClusterStructureWrites.validate(name: input.name ?? "", unitID: input.unitId, note: input.note, sortOrder: input.sortOrder, groups: groups, existing: existing, on: req.db)
        return try await ClusterStructureWrites.save(fields, existing: existing, req)
    }
}
