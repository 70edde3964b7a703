import Foundation
import GaoxinDomain
import OpenAPIKit30
import Plot
import Vapor

/// The project page's stage section — each stage's planned and reached day, 滞后 where a planned
/// day has passed unreached, the stage history and the form that moves the stage — and the
/// routes that move it (a form post and its API twin).
enum ProjectStagePages {
    static let sectionName = "project-stages"
    static var routes: [RouteSpec] {
        let declaration = RegisterDeclaration.projects
        return [
            RouteSpec(.POST, declaration.path + "/:id/stage", .write(declaration.policy), post),
            RouteSpec(.POST, declaration.apiPath + "/:id/stage", .write(declaration.policy),
                      doc: APIOperation(operationID: "moveProjectStage", summary: "推进项目阶段（跳过阶段须说明原因；回退仅限系统管理员并须说明原因）", tag: declaration.titleZh,
                                        parameters: [APIParameter.path("id", "项目 ID")], request: .json(ProjectStageInput.self),
                                        response: nil, responseValue: APISchemaValue(name: declaration.schemaName, schema: RegisterDTO.schema(declaration))),
                      api),
            RouteSpec(.GET, declaration.apiPath + "/:id/stage-changes", .read(declaration.policy),
                      doc: APIOperation(operationID: "listProjectStageChanges", summary: "项目阶段变更记录（何时、由谁、原因）", tag: declaration.titleZh,
                                        parameters: [APIParameter.path("id", "项目 ID")], response: ProjectStageChangeList.self),
                      apiHistory),
        ]
    }

    @Sendable static func section(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        try await section(req, record, errors: [], posted: nil)
    }

    static func section(_ req: Request, _ record: RegisterRecord, errors: [FieldError], posted: ProjectStageWrites.Move?) async throws -> RegisterRecordSections.Draw {
        let history = try await ProjectStageWrites.history(record.id, on: req.db)
        let actor = req.actor
        var canMove = false
        if let actor, actor.hasAny(RegisterDeclaration.projects.policy.write) {
            canMove = (try? await RegisterWrites.requireOwnership(.projects, record, actor: actor, on: req.db)) != nil
        }
        let isAdministrator = actor?.has(.admin) ?? false
        let today = DisplayFormat.day(req.now)
        let current = record.text("stage").flatMap(ProjectStage.init) ?? .signed
        return { context in
            .section(.class("project-stages"),
                .h2(.text(context.t("项目进度", "Progress"))),
                .table(.class("list"),
                    .thead(.tr(.th(.text(context.t("阶段", "Stage"))), .th(.text(context.t("计划日期", "Planned"))), .th(.text(context.t("实际日期", "Reached"))),
                               .th(.text(context.t("状态", "State"))))),
                    .tbody(.forEach(ProjectStage.allCases) { stage in
                        let planned = stage.plannedKey.flatMap { record.text($0) }
                        let reached = stage == .signed ? record.text("signedOn") : record.text(stage.reachedKey)
                        let late = stage > current && planned.map { $0 < today } == true
                        return .tr(.class(stage == current ? "current" : ""),
                                   .td(.text(context.t(stage.zh, stage.en))), .td(.text(planned ?? "—")), .td(.text(reached ?? "—")),
                                   .td(.if(late, .span(.class("badge expired"), .text(context.t("滞后", "Late"))),
                                           else: .text(stage <= current ? context.t("已完成", "Reached") : "—"))))
                    })),
                .if(!history.isEmpty, .group(
                    .h3(.text(context.t("阶段变更记录", "Stage changes"))),
                    .ul(.class("timeline"), .forEach(history) { change in
                        .li(.text("\(change.on) " + name(change.from, context) + " → " + name(change.to, context) + "（\(change.by)）"),
                            .unwrap(change.reason) { .span(.class("hint"), .text(" " + context.t("原因：", "Reason: ") + $0)) })
                    }))),
                .if(canMove && record.active, .form(.class("record inline-stage"), .method(.post), .action(RegisterDeclaration.projects.path(record.id) + "/stage"),
                    Page.csrf(context),
                    FormField.summary(errors, lang: context.lang),
                    FormField.select("stage", label: context.t("推进到", "Move to"),
                                     options: ProjectStage.allCases.filter { $0 != current && ($0 > current || isAdministrator) }
                                        .map { FormField.Option(value: $0.rawValue, label: context.t($0.zh, $0.en)) },
                                     selected: posted?.stage ?? current.next?.rawValue, errors: errors, lang: context.lang, required: true),
                    FormField.text("on", label: context.t("到达日期", "Reached on"), value: posted?.on ?? today, errors: errors, lang: context.lang,
                                   type: .date, maxLength: 10, hint: context.t("不能晚于今天", "Not after today")),
                    FormField.textarea("reason", label: context.t("原因（跳过或回退阶段时必填）", "Reason (needed to skip or go back)"), value: posted?.reason,
                                       errors: errors, lang: context.lang),
                    .div(.class("actions"), .button(.type(.submit), .text(context.t("推进阶段", "Move stage"))))))
            )
        }
    }

    private static func name(_ raw: String, _ context: PageContext) -> String {
        ProjectStage(rawValue: raw).map { context.t($0.zh, $0.en) } ?? raw
    }

    @Sendable static func post(_ req: Request) async throws -> Response {
        let pages = RegisterPages(declaration: .projects)
        let record = try await pages.find(req)
        let form = try req.content.decode(ProjectStageInput.self)
        let move = ProjectStageWrites.Move(stage: form.stage ?? "", on: form.on ?? "", reason: form.reason ?? "")
        do {
            _ = try await ProjectStageWrites.move(record, move, req)
            return .redirect(RegisterDeclaration.projects.path(record.id) + "?notice=saved")
        } catch let failed as ValidationFailed {
            let draw = try await section(req, record, errors: failed.errors, posted: move)
            return try await pages.show(req, record: record, redrawn: .init(name: sectionName, draw: draw), status: .unprocessableEntity)
        }
    }

    @Sendable static func api(_ req: Request) async throws -> Response {
        let record = try await RegisterPages(declaration: .projects).find(req)
        let input = try APIBody.decode(ProjectStageInput.self, req)
        let moved = try await ProjectStageWrites.move(record, .init(stage: input.stage ?? "", on: input.on ?? "", reason: input.reason ?? ""), req)
        return try .json(RegisterDTO(declaration: .projects, record: moved))
    }

    @Sendable static func apiHistory(_ req: Request) async throws -> Response {
        let record = try await RegisterPages(declaration: .projects).find(req)
        return try .json(ProjectStageChangeList(items: try await ProjectStageWrites.history(record.id, on: req.db)))
    }
}

struct ProjectStageInput: Content, APISchema {
    var stage: String?
    var on: String?
    var reason: String?

    static let schemaName = "ProjectStageInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "stage": .string(required: true, description: "目标阶段", allowedValues: ProjectStage.allCases.map { AnyCodable($0.rawValue) }),
            "on": .string(format: .date, required: false, nullable: true, description: "到达该阶段的日期（向前推进时必填，不晚于今天）"),
            "reason": .string(required: false, nullable: true, description: "原因（跳过或回退阶段时必填）", maxLength: 500),
        ])
    }
}

struct ProjectStageChangeList: Content, APISchema {
    var items: [ProjectStageWrites.Change]

    static let schemaName = "ProjectStageChangeList"
    static var openAPISchema: JSONSchema {
        .object(properties: ["items": .array(items: .object(properties: [
            "from": .string, "to": .string, "on": .string(format: .date), "reason": .string(required: true, nullable: true), "by": .string,
            "at": .string(format: .dateTime),
        ]))])
    }
}
