import Fluent
import GaoxinDomain
import Vapor

/// JSON handlers of a cluster's chains, figures and nodes (the cluster's own record is the
/// declared register's API); same queries and writes as the pages.
enum ClustersAPI {
    static func chains(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        let chains = try await Chain.query(on: req.db).filter(\.$clusterID == cluster.id!).sort(\.$name).all()
        return try .json(ChainListDTO(items: chains.map(ChainDTO.init)))
    }

    static func createChain(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        let chain = try await ClusterWrites.createChain(in: cluster, try APIBody.decode(ChainInput.self, req), req)
        return try .json(ChainDTO(chain), status: .created)
    }

    static func figures(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        return try .json(try await ClusterFigureReport.make(cluster, month: try ClusterPages.monthQuery(req), now: req.now, lang: req.uiLanguage, on: req.db))
    }

    static func putFigure(_ req: Request) async throws -> Response {
        let cluster = try await ClusterQueries.find(req)
        let input = try APIBody.decode(ClusterReportedFigureInput.self, req)
        let row = try await ClusterFigureWrites.save(cluster, period: req.parameters.get("period") ?? "", revenue: input.revenue, note: input.note,
                                                 restatementReason: input.restatementReason, req)
        return try .json(ClusterReportedFigureDTO(row))
    }

    static func deleteFigure(_ req: Request) async throws -> Response {
        try await ClusterFigureWrites.delete(try await ClusterQueries.find(req), period: req.parameters.get("period") ?? "", req)
        return Response(status: .noContent)
    }

    static func chainMap(_ req: Request) async throws -> Response {
        try .json(try await ClusterQueries.map(try await ClusterQueries.findChain(req), now: req.now, on: req.db))
    }

    static func updateChain(_ req: Request) async throws -> Response {
        let chain = try await ClusterQueries.findChain(req)
        return try .json(ChainDTO(try await ClusterWrites.updateChain(chain, try APIBody.decodePatch(ChainInput.self, req), req)))
    }

    static func createNode(_ req: Request) async throws -> Response {
        let chain = try await ClusterQueries.findChain(req)
        return try .json(ChainNodeDTO(try await ChainNodeWrites.create(in: chain, try APIBody.decode(ChainNodeInput.self, req), req)), status: .created)
    }

    static func updateNode(_ req: Request) async throws -> Response {
        let node = try await ClusterQueries.findNode(req)
        let input = try APIBody.decodePatch(ChainNodeInput.self, req)
        if let parentId = input.parentId, parentId != node.parentID {
            throw AppError.badRequest("环节创建后不能改变上级环节；请新建环节", field: "parentId")
        }
        return try .json(ChainNodeDTO(try await ChainNodeWrites.update(node, input, req)))
    }

    static func deleteNode(_ req: Request) async throws -> Response {
        try await ChainNodeWrites.delete(try await ClusterQueries.findNode(req), req)
        return Response(status: .noContent)
    }

    static func attach(_ req: Request) async throws -> Response {
        let node = try await ClusterQueries.findNode(req)
        guard let id = req.parameters.get("enterpriseId", as: Int.self), let enterprise = try await Enterprise.find(id, on: req.db) else {
            throw AppError.notFound("该企业")
        }
        try await ChainNodeWrites.attach(node, enterprise: enterprise, req)
        return Response(status: .noContent)
    }

    static func detach(_ req: Request) async throws -> Response {
        let node = try await ClusterQueries.findNode(req)
        guard let id = req.parameters.get("enterpriseId", as: Int.self) else { throw AppError.notFound("该企业") }
        try await ChainNodeWrites.detach(node, enterpriseID: id, req)
        return Response(status: .noContent)
    }
}

struct ChainListDTO: Content, APISchema {
    var items: [ChainDTO]

    static let schemaName = "ChainList"
    static var openAPISchema: JSONSchema {
        .object(properties: ["items": .array(items: .reference(.component(named: ChainDTO.schemaName)))])
    }
}

import OpenAPIKit30
