import GaoxinDomain
import OpenAPIKit30
import Vapor

enum ClusterRoutes {
    static let policy = Policies.clusters
    static let idParam = APIParameter.path("id", "ID")
    static let enterpriseParam = APIParameter.path("enterpriseId", "企业 ID")
    /// A month 1990-01…2999-12: figures start in 1990 (`IndicatorWrites`), and a report reads the year before.
    static let monthPattern = "^(199[0-9]|2[0-9]{3})-(0[1-9]|1[0-2])$"
    static let periodParam = APIParameter.pathText("period", "月份 YYYY-MM", pattern: monthPattern)
    static let monthParam = APIParameter.query("month", "统计截至月份 YYYY-MM；缺省为该口径最近有数据的月份", .string(pattern: monthPattern), allowEmpty: true)
    static let gapParams = APIParameter.list(ChainGaps.parameters, search: "环节、产业链或集群名称中的任意子串", ["cluster": "产业集群 ID"])

    static var all: [RouteSpec] {
        RegisterRoutes.routes(.clusters, morePages: [
            RouteSpec(.POST, "/clusters/:id/chains", .write(policy), ClusterPages.createChain),
            RouteSpec(.POST, "/clusters/:id/figures", .write(policy), ClusterPages.saveFigure),
            RouteSpec(.GET, "/clusters/:id/lists/export", .read(policy), ClusterPages.exportLists),
            RouteSpec(.POST, "/clusters/:id/figures/:period/delete", .write(policy), ClusterPages.deleteFigure),
            RouteSpec(.GET, "/clusters/:id/checklist/:itemId", .write(policy), ChecklistPages.entryForm),
            RouteSpec(.POST, "/clusters/:id/checklist/:itemId", .write(policy), ChecklistPages.saveEntry),
            RouteSpec(.GET, "/checklist-gaps", .read(policy), ChecklistPages.gaps),
            RouteSpec(.GET, "/checklist-gaps/export", .read(policy), ChecklistPages.gapsExport),
            RouteSpec(.GET, "/checklist-templates", .write(Policies.clusterRegistry), ChecklistPages.templates),
            RouteSpec(.GET, "/checklist-templates/new", .write(Policies.clusterRegistry), ChecklistPages.templateNew),
            RouteSpec(.POST, "/checklist-templates", .write(Policies.clusterRegistry), ChecklistPages.templateCreate),
            RouteSpec(.GET, "/checklist-templates/:id/edit", .write(Policies.clusterRegistry), ChecklistPages.templateEdit),
            RouteSpec(.POST, "/checklist-templates/:id", .write(Policies.clusterRegistry), ChecklistPages.templateUpdate),
            RouteSpec(.GET, "/cluster-structures", .read(Policies.clusterRegistry), ClusterStructurePages.index),
            RouteSpec(.GET, "/cluster-structures/new", .write(Policies.clusterRegistry), ClusterStructurePages.newForm),
            RouteSpec(.POST, "/cluster-structures", .write(Policies.clusterRegistry), ClusterStructurePages.create),
            RouteSpec(.GET, "/cluster-structures/:id", .read(Policies.clusterRegistry), ClusterStructurePages.show),
            RouteSpec(.GET, "/cluster-structures/:id/edit", .write(Policies.clusterRegistry), ClusterStructurePages.editForm),
            RouteSpec(.POST, "/cluster-structures/:id", .write(Policies.clusterRegistry), ClusterStructurePages.update),
            RouteSpec(.POST, "/cluster-structures/:id/delete", .write(Policies.clusterRegistry), ClusterStructurePages.delete),
            RouteSpec(.GET, "/chain-gaps", .read(policy), ChainGapPages.index),
            RouteSpec(.GET, "/chain-gaps/export", .read(policy), ChainGapPages.export),
            RouteSpec(.GET, "/chains/:id", .read(policy)) { try await ChainPages.show($0) },
            RouteSpec(.GET, "/chains/:id/export", .read(policy), ChainPages.export),
            RouteSpec(.GET, "/chains/:id/map", .read(policy), ChainPages.drawing),
            RouteSpec(.GET, "/chains/:id/edit", .write(policy), ChainPages.editForm),
            RouteSpec(.GET, "/chains/:id/leaders", .read(policy)) { try await ChainPages.leaders($0) },
            RouteSpec(.POST, "/chains/:id/leaders/weights", .write(policy), ChainPages.saveWeights),
            RouteSpec(.POST, "/chains/:id/leaders/decisions", .write(policy), ChainPages.decide),
            RouteSpec(.POST, "/chains/:id", .write(policy), ChainPages.update),
            RouteSpec(.POST, "/chains/:id/nodes", .write(policy), ChainPages.createNode),
            RouteSpec(.GET, "/chain-nodes/:id/edit", .write(policy), ChainPages.editNode),
            RouteSpec(.POST, "/chain-nodes/:id", .write(policy), ChainPages.updateNode),
            RouteSpec(.POST, "/chain-nodes/:id/delete", .write(policy), ChainPages.deleteNode),
            RouteSpec(.POST, "/chain-nodes/:id/enterprises", .write(policy), ChainPages.attach),
            RouteSpec(.POST, "/chain-nodes/:id/enterprises/:enterpriseId/detach", .write(policy), ChainPages.detach),
        ], moreAPI: [
            RouteSpec(.GET, "/api/v1/clusters/:id/chains", .read(policy),
                      doc: APIOperation(operationID: "listClusterChains", summary: "集群的产业链", tag: "产业集群", parameters: [idParam], response: ChainListDTO.self),
                      ClustersAPI.chains),
            RouteSpec(.POST, "/api/v1/clusters/:id/chains", .write(policy),
                      doc: APIOperation(operationID: "createChain", summary: "新建产业链", tag: "产业集群", parameters: [idParam], request: .json(ChainInput.self), successStatus: 201, response: ChainDTO.self),
                      ClustersAPI.createChain),
            RouteSpec(.GET, "/api/v1/clusters/:id/figures", .read(policy),
                      doc: APIOperation(operationID: "getClusterFigures", summary: "集群规上营收：1–N月累计、同比、目标完成进度与时序进度、规模层级、逐月两种口径",
                                        tag: "产业集群", parameters: [idParam, monthParam],
                                        response: ClusterFigureReport.self),
                      ClustersAPI.figures),
            RouteSpec(.PUT, "/api/v1/clusters/:id/figures/:period", .write(policy),
                      doc: APIOperation(operationID: "putClusterReportedFigure", summary: "填报或更正自上而下集群某月规上营收（万元）", tag: "产业集群",
                                        parameters: [idParam, periodParam], request: .json(ClusterReportedFigureInput.self), response: ClusterReportedFigureDTO.self),
                      ClustersAPI.putFigure),
            RouteSpec(.DELETE, "/api/v1/clusters/:id/figures/:period", .write(policy),
                      doc: APIOperation(operationID: "deleteClusterReportedFigure", summary: "删除自上而下集群某月填报的规上营收", tag: "产业集群",
                                        parameters: [idParam, periodParam], successStatus: 204, response: nil),
                      ClustersAPI.deleteFigure),
            RouteSpec(.GET, "/api/v1/clusters/:id/lists", .read(policy),
                      doc: APIOperation(operationID: "getClusterLists", summary: "集群四张清单：重点企业、重点项目、招商目标、问题与需求", tag: "产业集群",
                                        parameters: [idParam], response: ClusterLists.self)) { req in
                try .json(try await ClusterLists.make(try await ClusterQueries.find(req), now: req.now, lang: req.uiLanguage, on: req.db))
            },
            RouteSpec(.GET, "/api/v1/clusters/:id/checklist", .read(policy),
                      doc: APIOperation(operationID: "getClusterChecklist", summary: "集群机制清单（如“八个一”）：各项状态、判定规则与依据记录", tag: "产业集群",
                                        parameters: [idParam], response: ChecklistPages.ClusterChecklistDTO.self),
                      ChecklistPages.apiCluster),
            RouteSpec(.PUT, "/api/v1/clusters/:id/checklist/:itemId", .write(policy),
                      doc: APIOperation(operationID: "putClusterChecklistEntry", summary: "填报集群机制清单项目（由记录决定的项目不能手工标为已完成）", tag: "产业集群",
                                        parameters: [idParam, .path("itemId", "清单项目 ID")], request: .patch(ChecklistPages.EntryInput.self),
                                        response: ChecklistPages.ClusterChecklistDTO.self),
                      ChecklistPages.apiSaveEntry),
            RouteSpec(.GET, "/api/v1/checklist-gaps", .read(policy),
                      doc: APIOperation(operationID: "getChecklistGaps", summary: "机制清单缺项：全部在用集群 × 清单项目", tag: "产业集群",
                                        parameters: [.query("template", "清单模板 ID；缺省为第一个", APIParameter.idSchema, allowEmpty: true)], response: ChecklistGaps.self),
                      ChecklistPages.apiGaps),
            RouteSpec(.GET, "/api/v1/cluster-structures", .read(Policies.clusterRegistry),
                      doc: APIOperation(operationID: "listClusterStructures", summary: "集群体系（如“465”）及其分组", tag: "产业集群", response: ClusterStructureListDTO.self),
                      ClusterStructurePages.apiList),
            RouteSpec(.POST, "/api/v1/cluster-structures", .write(Policies.clusterRegistry),
                      doc: APIOperation(operationID: "createClusterStructure", summary: "新建集群体系（一个集群在同一体系中只能属于一个分组）", tag: "产业集群",
                                        request: .json(ClusterStructureInput.self), successStatus: 201, response: ClusterStructureDTO.self),
                      ClusterStructurePages.apiCreate),
            RouteSpec(.GET, "/api/v1/cluster-structures/:id", .read(Policies.clusterRegistry),
                      doc: APIOperation(operationID: "getClusterStructureTotals", summary: "集群体系各分组合计：1–N月规上营收、同比（可比口径）、目标进度、超千亿集群数", tag: "产业集群",
                                        parameters: [idParam, monthParam], response: ClusterStructureTotals.self),
                      ClusterStructurePages.apiShow),
            RouteSpec(.PUT, "/api/v1/cluster-structures/:id", .write(Policies.clusterRegistry),
                      doc: APIOperation(operationID: "updateClusterStructure", summary: "修改集群体系（给出 groups 即整体替换分组）", tag: "产业集群",
                                        parameters: [idParam], request: .json(ClusterStructureInput.self), response: ClusterStructureDTO.self),
                      ClusterStructurePages.apiUpdate),
            RouteSpec(.DELETE, "/api/v1/cluster-structures/:id", .write(Policies.clusterRegistry),
                      doc: APIOperation(operationID: "deleteClusterStructure", summary: "删除集群体系（集群本身不受影响）", tag: "产业集群", parameters: [idParam], successStatus: 204, response: nil),
                      ClusterStructurePages.apiDelete),
            RouteSpec(.GET, "/api/v1/chain-gaps", .read(policy),
                      doc: APIOperation(operationID: "listChainGaps", summary: "全部在用产业链的缺失与薄弱环节（强弱按各链门槛当场计算，含判定依据）", tag: "产业集群",
                                        parameters: gapParams, response: ChainGapListDTO.self),
                      ChainGapPages.api),
            RouteSpec(.GET, "/api/v1/chains/:id", .read(policy),
                      doc: APIOperation(operationID: "getChainMap", summary: "产业链招商图谱：环节、强弱（含判定依据）与本地企业", tag: "产业集群", parameters: [idParam], response: ChainMapDTO.self),
                      ClustersAPI.chainMap),
            RouteSpec(.PATCH, "/api/v1/chains/:id", .write(policy),
                      doc: APIOperation(operationID: "updateChain", summary: "修改产业链及强弱门槛", tag: "产业集群", parameters: [idParam], request: .patch(ChainInput.self), response: ChainDTO.self),
                      ClustersAPI.updateChain),
            RouteSpec(.GET, "/api/v1/chains/:id/leader-candidates", .read(policy),
                      doc: APIOperation(operationID: "listChainLeaderCandidates", summary: "链主遴选：候选企业排名（含各项得分）", tag: "产业集群", parameters: [idParam], response: LeaderCandidatesDTO.self)) { req in
                let chain = try await ClusterQueries.findChain(req)
                let ranking = try await ChainLeaders.ranking(chain, now: req.now, on: req.db)
                return try .json(LeaderCandidatesDTO(chainId: chain.id!, weights: ranking.weights, revenueFrom: ranking.from.description,
                                                     revenueTo: ranking.to.description, items: ranking.scores.map(LeaderCandidateDTO.init)))
            },
            RouteSpec(.GET, "/api/v1/chains/:id/leader-decisions", .read(policy),
                      doc: APIOperation(operationID: "listChainLeaderDecisions", summary: "链主遴选记录", tag: "产业集群", parameters: [idParam], response: LeaderDecisionListDTO.self)) { req in
                try .json(LeaderDecisionListDTO(items: try await ChainLeaders.decisions(try await ClusterQueries.findChain(req), on: req.db)))
            },
            RouteSpec(.POST, "/api/v1/chains/:id/leader-decisions", .write(policy),
                      doc: APIOperation(operationID: "createChainLeaderDecision", summary: "记录链主遴选决定（设置企业层级）", tag: "产业集群", parameters: [idParam],
                                        request: .json(LeaderDecisionInput.self), successStatus: 201, response: LeaderDecisionDTO.self)) { req in
                let chain = try await ClusterQueries.findChain(req)
                let decision = try await ChainLeaders.decide(chain, try APIBody.decode(LeaderDecisionInput.self, req), req)
                let name = try await Enterprise.find(decision.enterpriseID, on: req.db)?.name ?? ""
                return try .json(LeaderDecisionDTO(decision, enterpriseName: name, decidedByName: req.actor?.displayName), status: .created)
            },
            RouteSpec(.POST, "/api/v1/chains/:id/nodes", .write(policy),
                      doc: APIOperation(operationID: "createChainNode", summary: "新增产业链环节", tag: "产业集群", parameters: [idParam], request: .json(ChainNodeInput.self), successStatus: 201, response: ChainNodeDTO.self),
                      ClustersAPI.createNode),
            RouteSpec(.PATCH, "/api/v1/chain-nodes/:id", .write(policy),
                      doc: APIOperation(operationID: "updateChainNode", summary: "修改产业链环节", tag: "产业集群", parameters: [idParam], request: .patch(ChainNodeInput.self, without: ["parentId"]), response: ChainNodeDTO.self),
                      ClustersAPI.updateNode),
            RouteSpec(.DELETE, "/api/v1/chain-nodes/:id", .write(policy),
                      doc: APIOperation(operationID: "deleteChainNode", summary: "删除空的产业链环节", tag: "产业集群", parameters: [idParam], successStatus: 204, response: nil,
                                        refusals: [.conflict("环节还有下级环节、关联企业或招商目标企业")]),
                      ClustersAPI.deleteNode),
            RouteSpec(.PUT, "/api/v1/chain-nodes/:id/enterprises/:enterpriseId", .write(policy),
                      doc: APIOperation(operationID: "attachChainNodeEnterprise", summary: "将企业关联到环节", tag: "产业集群", parameters: [idParam, enterpriseParam], successStatus: 204, response: nil,
                                        refusals: [.rule("企业已停用，不能关联到环节")]),
                      ClustersAPI.attach),
            RouteSpec(.DELETE, "/api/v1/chain-nodes/:id/enterprises/:enterpriseId", .write(policy),
                      doc: APIOperation(operationID: "detachChainNodeEnterprise", summary: "取消企业与环节的关联", tag: "产业集群", parameters: [idParam, enterpriseParam], successStatus: 204, response: nil),
                      ClustersAPI.detach),
        ])
    }
}
