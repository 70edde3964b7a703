import Fluent
import GaoxinComplexity
import GaoxinDomain
import GaoxinSheets
import Vapor

enum AnalyticsRoutes {
    /// One bad cell as a sentence: "第 3 行 数值：不是数字（abc）", without the parts it lacks.
    static func describe(_ error: ImportRowError) -> String {
        let place = error.place(.zh) + (error.column.isEmpty ? "" : " \(error.column)")
        return "\(place)：\(error.reason)" + (error.value.isEmpty ? "" : "（\(error.value)）")
    }

    static let policy = Policies.analytics

    struct UploadForm: Content {
        var name: String?
        var measure: String?
        var year: String?
        var file: File?
    }

    static func decodeUpload(_ req: Request) throws -> UploadForm {
        do { return try req.content.decode(UploadForm.self) } catch {
            throw AppError.badRequest("上传内容无法解析：请以 multipart/form-data 提交，文件字段名为 file", field: "file")
        }
    }

    static func datasets(_ req: Request) async throws -> [ComplexityDatasetDTO] {
        try await ComplexityDataset.query(on: req.db).sort(\.$id, .descending).all().map(ComplexityDatasetDTO.init)
    }

    static func index(_ req: Request, model: ComplexityViews.IndexModel? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let canWrite = req.actor?.hasAny(policy.write) ?? false
        var page = model
        if page == nil {
            page = ComplexityViews.IndexModel(datasets: try await datasets(req), canWrite: canWrite, fieldErrors: [], rowErrors: [], name: "")
        }
        let content = page!
        return try await req.renderPage(status: status) { ComplexityViews.index($0, content) }
    }

    static func outcome(_ req: Request) async throws -> (ComplexityDataset, ComplexityAnalysis.Outcome, String) {
        let dataset = try await ComplexityAnalysis.find(req)
        let weightsName = req.query[String.self, at: "weights"] ?? "balanced"
        var location = req.query[String.self, at: "location"]
        // A dataset of the zone's own boards opens on the reader's board when it is in the matrix.
        if (location ?? "").isEmpty, dataset.source == "zone", let actor = req.actor {
            location = try await ZoneMatrix.locations(on: req.db)[actor.unitID]
            if let candidate = location, try await !ComplexityAnalysis.hasLocation(dataset, candidate, on: req.db) { location = nil }
        }
        // The illustrative province matrix opens on the demo zone's city.
        if (location ?? "").isEmpty, dataset.source == IllustrativeMatrix.source { location = IllustrativeMatrix.defaultLocation }
        let outcome: ComplexityAnalysis.Outcome = try await ComplexityAnalysis.run(dataset, year: req.query[String.self, at: "year"], location: location,
                                                       weights: try ComplexityAnalysis.weights(weightsName), on: req.db)
        var result = outcome
        if let raw = req.query[String.self, at: "chain"], !raw.isEmpty {
            guard let id = Int(raw), id > 0 else { throw AppError.badRequest("产业链 ID 应为正整数", field: "chain") }
            guard let chain = try await Chain.find(id, on: req.db) else { throw AppError.notFound("产业链“\(raw)”") }
            result.chainGaps = try await ChainGapAnalysis.build(chain: chain, outcome: outcome, now: req.now, on: req.db)
        }
        return (dataset, result, weightsName.isEmpty ? "balanced" : weightsName)
    }

    static var all: [RouteSpec] {
        [
            RouteSpec(.GET, "/analytics/complexity", .read(policy)) { try await index($0) },
            RouteSpec(.POST, "/analytics/complexity", .write(policy), body: .upload) { req in
                let form = try decodeUpload(req)
                do {
                    let dataset = try await ComplexityDatasetWrites.create(name: form.name, measure: form.measure, wideYear: form.year,
                                                                           file: form.file.map { Data($0.data.readableBytesView) }, fileName: form.file?.filename, req)
                    return .redirect(Site.complexityDataset(dataset.id!) + "?notice=created")
                } catch let failed as ComplexityDatasetWrites.Failed {
                    let model = ComplexityViews.IndexModel(datasets: try await datasets(req), canWrite: true, fieldErrors: failed.fieldErrors,
                                                           rowErrors: failed.rowErrors, name: form.name ?? "")
                    return try await index(req, model: model, status: .unprocessableEntity)
                }
            },
            RouteSpec(.POST, "/analytics/complexity/from-zone", .write(policy)) { req in
                let form = try req.content.decode([String: String].self)
                let input = ZoneDatasetWrites.Input(name: form["name"], fromYear: form["fromYear"], toYear: form["toYear"], level: form["level"],
                                                    aboveScaleOnly: form["aboveScaleOnly"] == "1")
                do {
                    let dataset = try await ZoneDatasetWrites.create(input, req)
                    return .redirect(Site.complexityDataset(dataset.id!) + "?notice=created")
                } catch let failed as ValidationFailed {
                    let model = ComplexityViews.IndexModel(datasets: try await datasets(req), canWrite: true, fieldErrors: [], rowErrors: [], name: "",
                                                           zoneErrors: failed.errors, zoneValues: input)
                    return try await index(req, model: model, status: .unprocessableEntity)
                }
            },
            RouteSpec(.GET, "/analytics/complexity/:id", .read(policy)) { req in
                let (dataset, outcome, weights) = try await outcome(req)
                let chains = try await Chain.query(on: req.db).filter(\.$active == true).sort(\.$name).all()
                let model = ComplexityViews.ShowModel(dataset: ComplexityDatasetDTO(dataset), outcome: outcome, weightsName: weights,
                                                      chains: chains.map { ($0.id!, $0.name) })
                return try await req.renderPage { ComplexityViews.show($0, model) }
            },
            RouteSpec(.GET, "/analytics/complexity/:id/export", .read(policy)) { req in
                let (dataset, outcome, _) = try await outcome(req)
                let data = try XLSXWriter.write(ComplexityExport.tables(outcome, lang: req.uiLanguage))
                return ListExport.download(data, fileName: "\(dataset.name)-\(outcome.location)-\(outcome.year)", format: .xlsx)
            },
            RouteSpec(.GET, "/api/v1/analytics/complexity/datasets", .read(policy),
                      doc: APIOperation(operationID: "listComplexityDatasets", summary: "经济复杂度数据集列表", tag: "产业分析", response: ComplexityDatasetListDTO.self)) { req in
                try .json(ComplexityDatasetListDTO(items: try await datasets(req)))
            },
            RouteSpec(.POST, "/api/v1/analytics/complexity/datasets", .write(policy), body: .upload,
                      doc: APIOperation(operationID: "createComplexityDataset", summary: "上传地区 × 产业矩阵（multipart：name、measure、year、file）", tag: "产业分析",
                                        request: .upload, successStatus: 201, response: ComplexityDatasetDTO.self,
                                        refusals: [.rule("文件不是可计算的地区 × 产业矩阵，或名称、口径、年份不合规：error.details 逐行列出问题，未写入任何数据")])) { req in
                let form = try decodeUpload(req)
                do {
                    let dataset = try await ComplexityDatasetWrites.create(name: form.name, measure: form.measure, wideYear: form.year,
                                                                           file: form.file.map { Data($0.data.readableBytesView) }, fileName: form.file?.filename, req)
                    return try .json(ComplexityDatasetDTO(dataset), status: .created)
                } catch let failed as ComplexityDatasetWrites.Failed {
                    if let first = failed.rowErrors.first {
                        let details = failed.rowErrors.prefix(1000).map { APIErrorBody.Detail(code: "invalid_row", message: Self.describe($0), field: $0.column.isEmpty ? "file" : $0.column) }
                        let body = APIErrorBody(code: "invalid_rows", message: "\(Self.describe(first))；共 \(failed.rowErrors.count) 处问题，未写入任何数据",
                                                field: "file", details: Array(details))
                        return try .json(body, status: .unprocessableEntity)
                    }
                    throw AppError.validation(ValidationFailed(failed.fieldErrors))
                }
            },
            RouteSpec(.POST, "/api/v1/analytics/complexity/datasets/from-zone", .write(policy),
                      doc: APIOperation(operationID: "createZoneComplexityDataset", summary: "由本区企业月度营业收入生成“板块 × 行业”数据集", tag: "产业分析",
                                        request: .json(ZoneDatasetWrites.Input.self), successStatus: 201, response: ComplexityDatasetDTO.self)) { req in
                let dataset = try await ZoneDatasetWrites.create(try APIBody.decode(ZoneDatasetWrites.Input.self, req), req)
                return try .json(ComplexityDatasetDTO(dataset), status: .created)
            },
            RouteSpec(.GET, "/api/v1/analytics/complexity/datasets/:id/recommendations", .read(policy),
                      doc: APIOperation(operationID: "getComplexityRecommendations", summary: "某地区某年份的目标产业推荐（含各分项）", tag: "产业分析", parameters: [
                        .path("id", "数据集 ID"), .query("location", "地区代码（默认第一个；数据集没有的地区为 404）", allowEmpty: true), .query("year", "年份 YYYY（默认最近一年；数据集没有的年份为 404）", .string(pattern: "^[0-9]{4}$"), allowEmpty: true),
                        .query("weights", "权重方案：" + ComplexityAnalysis.weightings.map(\.name).joined(separator: "、") + "（默认 balanced）",
                               .string(allowedValues: ComplexityAnalysis.weightings.map { .init($0.name) }), allowEmpty: true),
                        .query("chain", "对照的产业链 ID：标出可补链（缺失环节）或强链（薄弱环节）的推荐产业", APIParameter.idSchema, allowEmpty: true),
                      ], response: RecommendationListDTO.self)) { req in
                let (dataset, outcome, _) = try await outcome(req)
                return try .json(RecommendationListDTO(datasetID: dataset.id!, outcome: outcome))
            },
        ]
    }
}
