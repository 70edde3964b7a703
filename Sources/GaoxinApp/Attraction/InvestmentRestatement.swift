import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import Plot
import SQLKit
import Vapor

/// 更正已关账月份的完成投资 (SPEC §3: a later correction to a closed month is a visible
/// restatement, never a silent edit). A plan's closed months are frozen against edits and imports
/// (`ClosedInvestmentMonths`); this is the one way to change one: the month, the corrected amount
/// and the reason, written with a `restatements` row (old, new, who, why — listed by the next
/// bulletin) and the audit row in one transaction. Open months are simply edited.
enum InvestmentRestatement {
    static let entity = "project_investment"
    static let sectionName = "investment-restatement"
    static let figure = "完成投资（万元）"

    struct Input: Content, APISchema {
        var month: String?
        /// 万元 in the API; the form posts 亿元 as `amountYi`.
        var amount: Int64?
        var amountYi: String?
        var restatementReason: String?

        static let schemaName = "InvestmentRestatementInput"
        static var openAPISchema: JSONSchema {
            .object(properties: [
                "month": .string(description: "已关账的月份 YYYY-MM（计划所属年度内）", pattern: "^[0-9]{4}-[0-9]{2}$"),
                "amount": .integer(format: .int64, description: "更正后的当月完成投资（万元）", maximum: (Int(Wan.registerMaximum), exclusive: false), minimum: (0, exclusive: false)),
                "restatementReason": .string(description: "更正原因（列入下期通报）", maxLength: 500),
            ])
        }
    }

    static var routes: [RouteSpec] {
        let declaration = RegisterDeclaration.projectInvestments
        return [
            RouteSpec(.POST, declaration.path + "/:id/restate", .write(declaration.policy)) { req in
                let pages = RegisterPages(declaration: declaration)
                let record = try await pages.find(req)
                let input = try req.content.decode(Input.self)
                do {
                    _ = try await apply(record, input, fromForm: true, req)
                    return .redirect(declaration.path(record.id) + "?notice=saved")
                } catch let failed as ValidationFailed {
                    let draw = form(record, closed: try await closedMonths(record, on: req.db), errors: failed.errors, posted: input)
                    return try await pages.show(req, record: record, redrawn: .init(name: sectionName, draw: draw), status: .unprocessableEntity)
                }
            },
            RouteSpec(.POST, declaration.apiPath + "/:id/restate", .write(declaration.policy),
                      doc: APIOperation(operationID: "restateProjectInvestment", summary: "更正已关账月份的完成投资（须填原因，记为更正记录并列入下期通报）",
                                        tag: declaration.titleZh, parameters: [.path("id", "投资计划 ID")], request: .json(Input.self),
                                        response: nil, responseValue: APISchemaValue(name: declaration.schemaName, schema: RegisterDTO.schema(declaration)),
                                        refusals: [.rule("月份未关账（直接修改即可）或不在计划年度内、金额未变或为负、缺更正原因")])) { req in
                let record = try await RegisterPages(declaration: declaration).find(req)
                let updated = try await apply(record, try APIBody.decode(Input.self, req), fromForm: false, req)
                return try .json(RegisterDTO(declaration: declaration, record: updated))
            },
        ]
    }

    /// The plan's months that are closed, in order.
    static func closedMonths(_ record: RegisterRecord, on db: Database) async throws -> [String] {
        guard let year = record.values["year"]?.integer else { return [] }
        let months = Set(ProjectInvestmentMonths.all.map { ClosedInvestmentMonths.monthText(year, $0.number) })
        return try await PeriodClose.closed(among: months, on: db).sorted()
    }

    static func apply(_ record: RegisterRecord, _ input: Input, fromForm: Bool, _ req: Request) async throws -> RegisterRecord {
        let declaration = RegisterDeclaration.projectInvestments
        let actor = try req.requireActor()
        try await RegisterWrites.requireOwnership(declaration, record, actor: actor, on: req.db)
        guard record.active else { throw AppError.conflict("该投资计划已停用，请先恢复") }
        var v = FieldValidator()
        let monthText = (input.month ?? "").trimmingCharacters(in: .whitespaces)
        let closed = try await closedMonths(record, on: req.db)
        let month = Period(monthText)
        if month == nil { v.add(.invalid("month", zh: "请选择已关账的月份（YYYY-MM）", en: "Choose a closed month (YYYY-MM)")) }
        else if !closed.contains(monthText) {
            v.add(.invalid("month", zh: "\(monthText) 不是本计划年度内已关账的月份；未关账的月份请直接修改", en: "\(monthText) is not a closed month of the plan's year; edit an open month directly"))
        }
        var amount: Int64?
        if fromForm {
            switch Wan.parse(yi: (input.amountYi ?? "").trimmingCharacters(in: .whitespaces)) {
            case .success(let wan) where wan.value >= 0: amount = wan.value
            case .success: v.add(.invalid("amountYi", zh: "金额不能为负数", en: "The amount cannot be negative"))
            case .failure(let problem): v.add(.invalid("amountYi", zh: "更正后金额（亿元）" + problem.messageZh, en: problem.messageEn))
            }
        } else if let given = input.amount, given >= 0, given <= Wan.registerMaximum {
            amount = given
        } else {
            v.add(.invalid("amount", zh: "请填写更正后的金额（万元，不小于 0）", en: "Give the corrected amount (10k yuan, not negative)"))
        }
        try v.throwIfInvalid()
        let reason = try await PeriodClose.restatementReason(month!, given: input.restatementReason, on: req.db)!
        let key = ProjectInvestmentMonths.all[month!.month - 1].key
        let old = record.values[key]?.integer ?? 0
        guard old != amount! else {
            throw ValidationFailed([.invalid(fromForm ? "amountYi" : "amount", zh: "金额与已报的 \(Wan(old).yiText) 亿元相同，无需更正", en: "The amount is what was reported")])
        }
        var values = record.values
        values[key] = .integer(amount!)
        let project = record.referenceNames["projectId"]?.first ?? record.text("code") ?? ""
        try await req.db.transaction { tx in
            try await RegisterStore.update(declaration, id: record.id, values, now: req.now, on: tx)
            try await PeriodClose.restate(month: month!, entity: entity, entityID: "\(record.id)/\(monthText)", subject: project,
                                          changes: [(figure: figure, old: old, new: amount!)], reason: reason, actor: actor, now: req.now, on: tx)
            let after = try await RegisterStore.find(declaration, id: record.id, on: tx)!
            try await AuditLog.record(req, on: tx, action: .update, entity: declaration.entity, entityID: "\(record.id)",
                                      summary: "更正“\(project)” \(monthText) 完成投资：\(Wan(old).yiText) → \(Wan(amount!).yiText) 亿元（更正已关账月份：\(reason)）",
                                      before: RegisterDTO(declaration: declaration, record: record.forAudit), after: RegisterDTO(declaration: declaration, record: after.forAudit))
        }
        return try await RegisterStore.find(declaration, id: record.id, today: DisplayFormat.day(req.now), on: req.db)!
    }

    /// The plan's page: its restatements, and for whoever may write it the correction form of a closed month.
    @Sendable static func section(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        let closed = try await closedMonths(record, on: req.db)
        guard !closed.isEmpty else { return { _ in .empty } }
        let canWrite = record.active ? await RegisterWrites.mayWrite(.projectInvestments, record, req) : false
        let made = try await Restatement.query(on: req.db).filter(\.$entity == entity).filter(\.$entityID ~~ closed.map { "\(record.id)/\($0)" })
            .sort(\.$createdAt).all()
        let drawForm = canWrite ? form(record, closed: closed, errors: [], posted: nil) : { _ in .empty }
        return { context in
            .group(
                .section(.class("restatements"),
                    .h2(.text(context.t("已关账月份的更正", "Corrections to closed months"))),
                    .if(made.isEmpty, .p(.class("hint"), .text(context.t("尚无更正。", "None yet.")))),
                    .ul(.forEach(made) { row in
                        .li(.text("\(row.month) \(Wan(row.oldValue ?? 0).yiText) → \(Wan(row.newValue ?? 0).yiText) 亿元 · \(row.reason) · \(row.userName) \(DisplayFormat.day(row.createdAt))"))
                    })),
                drawForm(context))
        }
    }

    static func form(_ record: RegisterRecord, closed: [String], errors: [FieldError], posted: Input?) -> RegisterRecordSections.Draw {
        { context in
            .section(.class("investment-restatement"),
                .h3(.text(context.t("更正已关账月份", "Correct a closed month"))),
                .p(.class("hint"), .text(context.t("已关账月份的完成投资不能直接修改；更正须写明原因，记为更正记录并列入下期通报。",
                                                   "A closed month's amount changes only as a restatement with its reason, listed in the next bulletin."))),
                .form(.method(.post), .action(RegisterDeclaration.projectInvestments.path(record.id) + "/restate"),
                    Page.csrf(context),
                    FormField.summary(errors, lang: context.lang),
                    FormField.select("month", label: context.t("月份", "Month"), options: closed.map { FormField.Option(value: $0, label: $0) },
                                     selected: posted?.month, errors: errors, lang: context.lang, required: true, blank: context.t("请选择", "Choose")),
                    FormField.text("amountYi", label: context.t("更正后完成投资（亿元）", "Corrected amount (100m yuan)"), value: posted?.amountYi,
                                   errors: errors, lang: context.lang, required: true, maxLength: 20),
                    FormField.text(PeriodClose.restatementField, label: context.t("更正原因", "Reason"), value: posted?.restatementReason,
                                   errors: errors, lang: context.lang, required: true, maxLength: 500),
                    .button(.type(.submit), .text(context.t("提交更正", "Restate")))))
        }
    }
}
