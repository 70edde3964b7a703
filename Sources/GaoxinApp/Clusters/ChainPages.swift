import Fluent
import GaoxinDomain
import Vapor

/// HTML handlers of a chain map: the map, its thresholds, its nodes and their enterprises.
enum ChainPages {
    static func chainInput(_ form: [String: String]) -> (ChainInput, [FieldError]) {
        var errors: [FieldError] = []
        var input = ChainInput()
        input.name = form["name"] ?? ""
        input.note = form["note"] ?? ""
        input.requireBackbone = form["requireBackbone"] == "1"
        if let raw = form["minEnterprises"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let value = Int(raw) { input.minEnterprises = value } else { errors.append(.invalid("minEnterprises", zh: "企业数门槛应为整数", en: "Must be a whole number")) }
        }
        if let raw = form["minRevenue"]?.withoutThousandsCommas.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let value = Int64(raw) { input.minRevenue = value } else { errors.append(.invalid("minRevenue", zh: "营收门槛应为整数（万元）", en: "Must be a whole number")) }
        }
        return (input, errors)
    }

    static func nodeInput(_ form: [String: String]) -> (ChainNodeInput, [FieldError]) {
        var errors: [FieldError] = []
        var input = ChainNodeInput()
        input.name = form["name"] ?? ""
        input.segment = form["segment"] ?? ""
        input.products = form["products"] ?? ""
        input.industryCodes = ChainNodeWrites.splitCodes(form["industryCodes"] ?? "")
        if let raw = form["parentId"], !raw.isEmpty {
            if let id = Int(raw) { input.parentId = id } else { errors.append(.invalid("parentId", zh: "上级环节无效", en: "Invalid parent")) }
        }
        if let raw = form["sortOrder"]?.trimmingCharacters(in: .whitespaces), !raw.isEmpty {
            if let value = Int(raw) { input.sortOrder = value } else { errors.append(.invalid("sortOrder", zh: "排序号应为整数", en: "Sort order must be a whole number")) }
        }
        return (input, errors)
    }

    static func canWrite(_ chain: Chain, _ req: Request) async throws -> Bool {
        try await ClusterPages.canWrite(try await ClusterWrites.chainCluster(chain, on: req.db), req)
    }

    static func show(_ req: Request, chain given: Chain? = nil, nodeValues: [String: String] = [:], attachNode: Int? = nil,
                     attachCandidates: [ReferenceSearch.Candidate] = [], errors: [FieldError] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        var chain: Chain
        if let given { chain = given } else { chain = try await ClusterQueries.findChain(req) }
        let map = try await ClusterQueries.map(chain, now: req.now, on: req.db)
        let model = ChainShowView.Model(map: map, clusterID: chain.clusterID, canWrite: try await canWrite(chain, req),
                                        nodeValues: nodeValues, attachNode: attachNode, attachCandidates: attachCandidates, errors: errors)
        return try await req.renderPage(status: status) { ChainShowView.render($0, model) }
    }

    /// The attraction map drawn (产业链招商图谱), to print.
    static func drawing(_ req: Request) async throws -> Response {
        let chain = try await ClusterQueries.findChain(req)
        let map = try await ClusterQueries.map(chain, now: req.now, on: req.db)
        return try await req.renderPage { ChainMapDrawingView.render($0, map, clusterID: chain.clusterID) }
    }

    /// The investment guidance catalogue (招商指导目录): the chain map as a list, one row per node.
    static func export(_ req: Request) async throws -> Response {
        let chain = try await ClusterQueries.findChain(req)
        let map = try await ClusterQueries.map(chain, now: req.now, on: req.db)
        let lang = req.uiLanguage
        let table = GuidanceCatalogue.table(map, lang: lang)
        return try ListExport.file(table, fileName: lang.t("\(map.chain.name)招商指导目录", "\(map.chain.name) guidance catalogue"), format: try ListExport.format(req))
    }

    static func editForm(_ req: Request) async throws -> Response {
        let chain = try await ClusterQueries.findChain(req)
        try await ClusterWrites.requireOwnership(try await ClusterWrites.chainCluster(chain, on: req.db), actor: try req.requireActor(), on: req.db)
        let values = ["name": chain.name, "minEnterprises": "\(chain.minEnterprises)", "minRevenue": "\(chain.minRevenue)",
                      "requireBackbone": chain.requireBackbone ? "1" : "0", "note": chain.note ?? ""]
        return try await req.renderPage { ChainFormView.render($0, chainID: chain.id!, values: values, errors: []) }
    }

    static func update(_ req: Request) async throws -> Response {
        let chain = try await ClusterQueries.findChain(req)
        _ = try await ChainNodeWrites.requireOwnership(chainID: chain.id!, req)
        let form = try req.content.decode([String: String].self)
        let (input, parseErrors) = chainInput(form)
        do {
            if !parseErrors.isEmpty { throw ValidationFailed(parseErrors) }
            _ = try await ClusterWrites.updateChain(chain, input, req)
            return .redirect(Site.chain(chain.id!) + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await req.renderPage(status: .unprocessableEntity) { ChainFormView.render($0, chainID: chain.id!, values: form, errors: failed.errors) }
        }
    }

    static func createNode(_ req: Request) async throws -> Response {
        let chain = try await ClusterQueries.findChain(req)
        _ = try await ChainNodeWrites.requireOwnership(chainID: chain.id!, req)
        let form = try req.content.decode([String: String].self)
        let (input, parseErrors) = nodeInput(form)
        do {
            if !parseErrors.isEmpty { throw ValidationFailed(parseErrors) }
            _ = try await ChainNodeWrites.create(in: chain, input, req)
            return .redirect(Site.chain(chain.id!) + "?notice=created")
        } catch let failed as ValidationFailed {
            return try await show(req, chain: chain, nodeValues: form, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func nodeValues(_ node: ChainNode) -> [String: String] {
        ["name": node.name, "segment": node.segment, "industryCodes": node.codes.joined(separator: ","), "products": node.products ?? "", "sortOrder": "\(node.sortOrder)"]
    }

    static func editNode(_ req: Request) async throws -> Response {
        let node = try await ClusterQueries.findNode(req)
        _ = try await ChainNodeWrites.requireOwnership(chainID: node.chainID, req)
        return try await req.renderPage { ChainNodeFormView.render($0, node: ChainNodeDTO(node), values: nodeValues(node), errors: []) }
    }

    static func updateNode(_ req: Request) async throws -> Response {
        let node = try await ClusterQueries.findNode(req)
        _ = try await ChainNodeWrites.requireOwnership(chainID: node.chainID, req)
        let form = try req.content.decode([String: String].self)
        var (input, parseErrors) = nodeInput(form)
        input.parentId = nil
        do {
            if !parseErrors.isEmpty { throw ValidationFailed(parseErrors) }
            _ = try await ChainNodeWrites.update(node, input, req)
            return .redirect(Site.chain(node.chainID) + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await req.renderPage(status: .unprocessableEntity) { ChainNodeFormView.render($0, node: ChainNodeDTO(node), values: form, errors: failed.errors) }
        }
    }

    static func deleteNode(_ req: Request) async throws -> Response {
        let node = try await ClusterQueries.findNode(req)
        do {
            try await ChainNodeWrites.delete(node, req)
        } catch AppError.conflict(let message, _) {
            let chain = try await ClusterQueries.findChainByID(node.chainID, on: req.db)
            return try await show(req, chain: chain, errors: [FieldError(field: "node", code: "conflict", zh: message, en: message)], status: .conflict)
        }
        return .redirect(Site.chain(node.chainID) + "?notice=deleted")
    }

    /// The attach form: a typed name, code or part of a name (searched), or — after a search found
    /// several — the enterprise chosen in the select (`enterpriseId`); a typed text wins.
    static func attach(_ req: Request) async throws -> Response {
        let node = try await ClusterQueries.findNode(req)
        _ = try await ChainNodeWrites.requireOwnership(chainID: node.chainID, req)
        let form = try req.content.decode([String: String].self)
        func again(_ errors: [FieldError], candidates: [ReferenceSearch.Candidate] = []) async throws -> Response {
            let chain = try await ClusterQueries.findChainByID(node.chainID, on: req.db)
            return try await show(req, chain: chain, nodeValues: form, attachNode: node.id, attachCandidates: candidates, errors: errors, status: .unprocessableEntity)
        }
        do {
            let typed = (form["enterprise"] ?? "").trimmingCharacters(in: .whitespaces)
            let lookup: ChainNodeWrites.EnterpriseLookup
            if typed.isEmpty, let chosen = form["enterpriseId"], !chosen.isEmpty {
                lookup = .found(try await ChainNodeWrites.chosenEnterprise(chosen, on: req.db))
            } else {
                lookup = try await ChainNodeWrites.findEnterprise(typed, on: req.db)
            }
            switch lookup {
            case .found(let enterprise):
                try await ChainNodeWrites.attach(node, enterprise: enterprise, refusingRepeat: true, req)
                return .redirect(Site.chain(node.chainID) + "?notice=saved")
            case .choose(let candidates, let error):
                return try await again([error], candidates: candidates)
            }
        } catch let failed as ValidationFailed {
            return try await again(failed.errors)
        } catch AppError.validation(let failed) {
            return try await again(failed.errors)
        }
    }

    static func detach(_ req: Request) async throws -> Response {
        let node = try await ClusterQueries.findNode(req)
        guard let enterpriseID = req.parameters.get("enterpriseId", as: Int.self) else { throw AppError.notFound("该企业") }
        try await ChainNodeWrites.detach(node, enterpriseID: enterpriseID, req)
        return .redirect(Site.chain(node.chainID) + "?notice=saved")
    }

    // MARK: chain-leader selection

    static func leaders(_ req: Request, chain given: Chain? = nil, weightValues: [String: String] = [:], decisionValues: [String: String] = [:],
                        errors: [FieldError] = [], status: HTTPResponseStatus = .ok) async throws -> Response {
        var chain: Chain
        if let given { chain = given } else { chain = try await ClusterQueries.findChain(req) }
        let ranking = try await ChainLeaders.ranking(chain, now: req.now, on: req.db)
        let model = ChainLeadersView.Model(chain: ChainDTO(chain), ranking: ranking,
                                           decisions: try await ChainLeaders.decisions(chain, on: req.db), canWrite: try await canWrite(chain, req),
                                           decidable: try await ChainLeaders.decidable(ranking, actor: try req.requireActor(), on: req.db),
                                           weightValues: weightValues, decisionValues: decisionValues, errors: errors)
        return try await req.renderPage(status: status) { ChainLeadersView.render($0, model) }
    }

    static func saveWeights(_ req: Request) async throws -> Response {
        let chain = try await ClusterQueries.findChain(req)
        _ = try await ChainNodeWrites.requireOwnership(chainID: chain.id!, req)
        let form = try req.content.decode([String: String].self)
        var values: [LeaderWeights.Criterion: Int] = [:]
        var parseErrors: [FieldError] = []
        for criterion in LeaderWeights.Criterion.allCases {
            let key = "leaderWeights.\(criterion.rawValue)"
            let raw = (form[key] ?? "").trimmingCharacters(in: .whitespaces)
            if let value = Int(raw) { values[criterion] = value } else {
                parseErrors.append(.invalid(key, zh: "\(criterion.nameZh)：权重应为 0 到 100 之间的整数", en: "Weight must be a whole number"))
            }
        }
        do {
            if !parseErrors.isEmpty { throw ValidationFailed(parseErrors) }
            let weights = LeaderWeights(scale: values[.scale]!, growth: values[.growth]!, rdIntensity: values[.rdIntensity]!,
                                        patents: values[.patents]!, qualifications: values[.qualifications]!)
            _ = try await ClusterWrites.updateChain(chain, ChainInput(leaderWeights: weights), req)
            return .redirect(Site.chainLeaders(chain.id!) + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await leaders(req, chain: chain, weightValues: form, errors: failed.errors, status: .unprocessableEntity)
        }
    }

    static func decide(_ req: Request) async throws -> Response {
        let chain = try await ClusterQueries.findChain(req)
        _ = try await ChainNodeWrites.requireOwnership(chainID: chain.id!, req)
        let form = try req.content.decode([String: String].self)
        let input = LeaderDecisionInput(enterpriseId: form["enterpriseId"].flatMap { Int($0) }, tier: form["tier"], reason: form["reason"])
        do {
            _ = try await ChainLeaders.decide(chain, input, req)
            return .redirect(Site.chainLeaders(chain.id!) + "?notice=saved")
        } catch let failed as ValidationFailed {
            return try await leaders(req, chain: chain, decisionValues: form, errors: failed.errors, status: .unprocessableEntity)
        }
    }
}
