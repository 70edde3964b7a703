import Foundation
import GaoxinDomain
import OpenAPIKit30
import Plot
import SQLKit
import Vapor

/// 智能匹配 pages: the standalone form (`/matching`, a GET form anyone reading the programme can
/// fill), its API twin, a kept space need's matches (its record page and `…/space-needs/{id}/matches`)
/// and, on a project's page, the way to its needs. The need is checked by the space-needs
/// register's own fields and rules, so a floor load typed in t/m² is refused here as on the form.
enum SpaceMatchPages {
    static let path = "/matching"
    static let apiPath = "/api/v1/matching"
    static let policy = Policies.programme

    static var routes: [RouteSpec] {
        [
            RouteSpec(.GET, path, .read(policy), page),
            RouteSpec(.GET, apiPath, .read(policy),
                      doc: APIOperation(operationID: "matchSpaces", summary: "空间智能匹配：按需求筛选（硬约束）并评分（软约束，附权重与每项理由）",
                                        tag: "园区与空间", parameters: parameters, response: MatchResultDTO.self,
                                        refusals: [.rule("需求不合规则（如缺空间类型或面积下限、荷载单位错误、上限小于下限）：error.details 列出每个字段的问题")])) { req in
                let need = try await checkedNeed(query(req, source: .json), req)
                return try .json(MatchResultDTO(try await SpaceMatcher.match(need, today: today(req), on: req.sql)))
            },
            RouteSpec(.GET, RegisterDeclaration.spaceNeeds.apiPath + "/:id/matches", .read(policy),
                      doc: APIOperation(operationID: "matchSpaceNeed", summary: "某条空间需求的匹配结果", tag: "园区与空间",
                                        parameters: [.path("id", "空间需求 ID")], response: MatchResultDTO.self)) { req in
                let record = try await RegisterPages(declaration: .spaceNeeds).find(req)
                guard let need = SpaceMatcher.need(record.values) else { throw AppError.notFound("该空间需求") }
                return try .json(MatchResultDTO(try await SpaceMatcher.match(need, today: today(req), on: req.sql)))
            },
        ]
    }

    static func today(_ req: Request) -> CalendarDay { CalendarDay(DisplayFormat.day(req.now))! }

    static var parameters: [APIParameter] {
        let declaration = RegisterDeclaration.spaceNeeds
        return SpaceMatcher.needKeys.compactMap { key in
            guard let field = declaration.field(key) else { return nil }
            var schema = RegisterDTO.fieldSchema(field, required: false, nullable: false)
            if case .decimal(_, let min, let max) = field.kind {
                schema = .number(description: field.zh, maximum: (Double(max), exclusive: false), minimum: (Double(min), exclusive: false))
            }
            return APIParameter.query(key, field.zh + (key == "kind" || key == "areaMin" ? "（必填）" : ""), schema, allowEmpty: true)
        }
    }

    /// The need's fields as the request gives them (forms in 亿元, the API in 万元).
    static func query(_ req: Request, source: RegisterInput.Source) -> RegisterInput {
        var input = RegisterInput(source: source)
        for key in SpaceMatcher.needKeys {
            if let value = req.query[String.self, at: key], !value.trimmingCharacters(in: .whitespaces).isEmpty { input.texts[key] = value }
        }
        return input
    }

    /// The input checked by the space-needs register's fields and rules; refused with every problem at its field.
    static func checkedNeed(_ input: RegisterInput, _ req: Request) async throws -> SpaceMatching.Need {
        let declaration = RegisterDeclaration.spaceNeeds
        let references = try await RegisterReferences.load(for: declaration, inputs: [input], on: req.db)
        var validator = FieldValidator()
        var values: RegisterValues = [:]
        let actor = try req.requireActor()
        for key in SpaceMatcher.needKeys {
            guard let field = declaration.field(key), input.has(key) else { continue }
            values[key] = RegisterChecker.read(field, input, references: references, actor: actor, ownership: declaration.ownership, into: &validator)
        }
        if values["kind"] == nil, !validator.errors.contains(where: { $0.field == "kind" }) {
            validator.add(.choiceRequired("kind", label: "空间类型", labelEn: "Kind"))
        }
        if values["areaMin"] == nil, !validator.errors.contains(where: { $0.field == "areaMin" }) {
            validator.add(.required("areaMin", label: "面积下限", labelEn: "Area at least"))
        }
        if validator.isValid { for rule in declaration.rules { if let error = rule.check(values) { validator.add(error) } } }
        guard validator.isValid, let need = SpaceMatcher.need(values) else { throw ValidationFailed(validator.errors) }
        return need
    }

    @Sendable static func page(_ req: Request) async throws -> Response {
        let input = query(req, source: .form)
        var result: SpaceMatcher.Result?
        var errors: [FieldError] = []
        if !input.texts.isEmpty {
            do {
                result = try await SpaceMatcher.match(try await checkedNeed(input, req), today: today(req), on: req.sql)
            } catch let failed as ValidationFailed {
                errors = failed.errors
            }
        }
        let texts = input.texts
        return try await req.renderPage(status: errors.isEmpty ? .ok : .unprocessableEntity) { context in
            SpaceMatchView.render(context, texts: texts, errors: errors, result: result)
        }
    }

    /// A space need's page: its ranked spaces with the reasons, and the form prefilled to try variations.
    @Sendable static func needSection(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        guard record.active, let need = SpaceMatcher.need(record.values) else { return { _ in .empty } }
        let result = try await SpaceMatcher.match(need, today: today(req), on: req.sql)
        var items: [URLQueryItem] = []
        for key in SpaceMatcher.needKeys {
            guard let value = record.values[key], let field = RegisterDeclaration.spaceNeeds.field(key) else { continue }
            items.append(URLQueryItem(name: key, value: SpaceMatchView.formText(value, field)))
        }
        var components = URLComponents()
        components.queryItems = items
        let tryLink = path + "?" + (components.percentEncodedQuery ?? "")
        return { context in
            .section(.class("space-matches"),
                .h2(.text(context.t("匹配空间", "Matching spaces"))),
                SpaceMatchView.results(context, result, limit: 10),
                .p(.a(.href(tryLink), .text(context.t("调整条件再匹配", "Adjust and match again")))))
        }
    }

    /// A project's page: its space needs are listed among the records pointing at it; this adds the
    /// way to a new one, prefilled from the project's land and space needs.
    @Sendable static func projectSection(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        guard record.active, let actor = req.actor, actor.hasAny(RegisterDeclaration.spaceNeeds.policy.write) else { return { _ in .empty } }
        var prefill = ["projectId": String(record.id), "name": (record.text("name") ?? "") + "空间需求"]
        if let unit = record.values["owningUnitId"]?.integer { prefill["owningUnitId"] = String(unit) }
        if let mu = record.values["landMu"]?.integer, mu > 0 {
            prefill["kind"] = SpaceKind.land.rawValue
            prefill["areaMin"] = String(mu * 10_000 / 15)
        } else if let area = record.values["spaceNeed"]?.integer, area > 0 {
            prefill["kind"] = SpaceKind.factory.rawValue
            prefill["areaMin"] = String(area)
        }
        let link = RegisterDeclaration.spaceNeeds.newPath(prefill: prefill)
        return { context in
            .section(.class("project-space"),
                .h2(.text(context.t("空间要素", "Space"))),
                .p(.a(.class("button secondary"), .href(link), .text(context.t("登记空间需求并匹配", "Enter a space need and match it")))))
        }
    }
}

/// The matching result in the API: the criteria with their weights and rules, then each space with
/// its score and the reason for every part of it.
struct MatchResultDTO: Content, APISchema {
    struct Criterion: Content { let key: String; let name: String; let weight: Int; let rule: String }
    struct Reason: Content { let criterion: String; let name: String; let weight: Int; let earned: Double; let text: String }
    struct Match: Content {
        let spaceId: Int
        let code: String
        let name: String
        let parkId: Int
        let parkName: String
        let kind: String
        let area: Int64
        let score: Double
        let reasons: [Reason]
    }

    let criteria: [Criterion]
    let considered: Int
    let capped: Bool
    let matches: [Match]

    init(_ result: SpaceMatcher.Result) {
        criteria = SpaceMatching.criteria(for: result.need).map { Criterion(key: $0.rawValue, name: $0.nameZh, weight: $0.weight, rule: $0.ruleZh) }
        considered = result.considered
        capped = result.capped
        matches = result.matches.map { row in
            Match(spaceId: row.match.offer.id, code: row.code, name: row.name, parkId: row.parkID, parkName: row.parkName,
                  kind: row.match.offer.kind.rawValue, area: row.match.offer.area, score: row.match.score,
                  reasons: row.match.reasons.map { Reason(criterion: $0.criterion.rawValue, name: $0.criterion.nameZh, weight: $0.weight, earned: $0.earned, text: $0.textZh) })
        }
    }

    static let schemaName = "SpaceMatchResult"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "criteria": .array(items: .object(properties: ["key": .string(allowedValues: SpaceMatching.Criterion.allCases.map { AnyCodable($0.rawValue) }),
                                                           "name": .string, "weight": .integer, "rule": .string])),
            "considered": .integer(description: "参与评分的空间数：通过硬约束、面积最接近需求的至多 \(SpaceMatcher.candidateLimit) 个"),
            "capped": .boolean(description: "候选超过评分上限，仅对面积最接近需求的部分评分"),
            "matches": .array(items: .object(properties: [
                "spaceId": .integer, "code": .string, "name": .string, "parkId": .integer, "parkName": .string,
                "kind": .string(allowedValues: SpaceKind.allCases.map { AnyCodable($0.rawValue) }), "area": .integer(description: "平方米"),
                "score": .number(description: "0–100"),
                "reasons": .array(items: .object(properties: ["criterion": .string, "name": .string, "weight": .integer,
                                                             "earned": .number, "text": .string])),
            ])),
        ])
    }
}
