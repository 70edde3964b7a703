import Foundation
import GaoxinDomain
import OpenAPIKit30
import Plot
import SQLKit
import Vapor

/// The park work beyond the registers' own pages: recognition and dynamic management for a year
/// (`/parks/recognition`, its API), the office's review of a yearly statistic, a space's
/// “仍然有效” confirmation (one, or every space of a park at once), and the park, space and
/// statistic pages' sections.
enum ParkPages {
    static let recognitionPath = "/parks/recognition"
    static let recognitionAPIPath = "/api/v1/parks/recognition"

    static var routes: [RouteSpec] {
        let parks = RegisterDeclaration.parks, spaces = RegisterDeclaration.spaces, statistics = RegisterDeclaration.parkStatistics
        return [
            RouteSpec(.GET, recognitionPath, .read(parks.policy)) { req in
                let board = try await ParkRecognitionBoard.load(year: try await chosenYear(req), on: req.sql)
                return try await req.renderPage { ParkRecognitionView.render($0, board) }
            },
            RouteSpec(.GET, recognitionAPIPath + "/:year", .read(parks.policy),
                      doc: APIOperation(operationID: "getParkRecognition", summary: "某年度园区认定与动态管理：各园区按适用认定标准的得分、是否达标、各指标贡献、上年结果与预警标记",
                                        tag: "园区与空间", parameters: [.pathText("year", "年度", pattern: YearParameter.pattern)], response: ParkRecognitionBoard.self)) { req in
                let year = try YearParameter.parse(req.parameters.get("year"), field: "year")
                return try .json(try await ParkRecognitionBoard.load(year: year, on: req.sql))
            },
            RouteSpec(.POST, statistics.path + "/:id/review", .write(Policies.officeRegisters)) { req in
                let record = try await RegisterPages(declaration: statistics).find(req)
                guard record.active else { throw AppError.conflict("该年度统计已停用，请先恢复") }
                let form = try req.content.decode(ReviewForm.self)
                do {
                    _ = try await review(record, decision: form.decision ?? "", note: form.reviewNote ?? "", req)
                    return .redirect(statistics.path(record.id) + "?notice=saved")
                } catch let failed as ValidationFailed {
                    let draw = reviewForm(record, mayReview: true, errors: failed.errors, note: form.reviewNote)
                    return try await RegisterPages(declaration: statistics).show(req, record: record, redrawn: .init(name: reviewSection, draw: draw), status: .unprocessableEntity)
                }
            },
            RouteSpec(.POST, spaces.path + "/:id/confirm", .write(spaces.policy)) { req in
                let record = try await RegisterPages(declaration: spaces).find(req)
                _ = try await confirm(record, req)
                return .redirect(spaces.path(record.id) + "?notice=saved")
            },
            RouteSpec(.POST, spaces.apiPath + "/:id/confirm", .write(spaces.policy),
                      doc: APIOperation(operationID: "confirmSpace", summary: "确认空间信息仍然有效（确认有效期顺延 \(RegisterDeclaration.spaceConfirmationDays) 天）",
                                        tag: "园区与空间", parameters: [.path("id", "空间 ID")], response: nil, responseValue: APISchemaValue(name: spaces.schemaName, schema: RegisterDTO.schema(spaces)))) { req in
                let record = try await RegisterPages(declaration: spaces).find(req)
                return try .json(RegisterDTO(declaration: spaces, record: try await confirm(record, req)))
            },
            RouteSpec(.POST, parks.path + "/:id/confirm-spaces", .write(parks.policy)) { req in
                let park = try await RegisterPages(declaration: parks).find(req)
                let actor = try req.requireActor()
                try await RegisterWrites.requireOwnership(parks, park, actor: actor, on: req.db)
                let count = try await confirmAll(parkID: park.id, req)
                return .redirect(parks.path(park.id) + "?notice=saved&confirmed=\(count)")
            },
        ]
    }

    static func chosenYear(_ req: Request) async throws -> Int { try await YearParameter.chosen(req, latestIn: "park_statistics") }

    struct ReviewForm: Content {
        var decision: String?
        var reviewNote: String?
    }

    static let reviewSection = "statistic-review"

    /// The office marks a statistic 已审核 or returns it with the reason.
    static func review(_ record: RegisterRecord, decision: String, note: String, _ req: Request) async throws -> RegisterRecord {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard ["reviewed", "returned"].contains(decision) else {
            throw ValidationFailed([.choiceRequired("decision", label: "审核结论", labelEn: "Decision")])
        }
        if decision == "returned", note.isEmpty {
            throw ValidationFailed([FieldError(field: "reviewNote", code: "required", zh: "退回时请写明需修改之处", en: "Say what to correct when returning it")])
        }
        if note.unicodeScalars.count > 500 { throw ValidationFailed([.tooLong("reviewNote", label: "审核意见", labelEn: "Review note", max: 500)]) }
        let name = ParkStatistic.reviewStatuses.first { $0.value == decision }?.zh ?? decision
        return try await RegisterManagedWrite.apply(.parkStatistics, record, changes: ["reviewStatus": .text(decision)].merging(note.isEmpty ? [:] : ["reviewNote": .text(note)]) { a, _ in a },
                                                    removing: note.isEmpty ? ["reviewNote"] : [],
                                                    summary: "审核园区年度统计“\(record.text("code") ?? "")”：\(name)", req)
    }

    /// A space confirmed by its owner: its confirmed-until day moves on (`RegisterFreshness`).
    static func confirm(_ record: RegisterRecord, _ req: Request) async throws -> RegisterRecord {
        let actor = try req.requireActor()
        try await RegisterWrites.requireOwnership(.spaces, record, actor: actor, on: req.db)
        guard record.active else { throw AppError.conflict("该空间已停用，请先恢复") }
        return try await RegisterManagedWrite.apply(.spaces, record, changes: [:], summary: "确认空间“\(record.text("name") ?? "")”信息仍然有效", req)
    }

    /// Every active space of the park still on offer (可租售, 已预订), confirmed in one transaction with one audit row each.
    static func confirmAll(parkID: Int, _ req: Request) async throws -> Int {
        let declaration = RegisterDeclaration.spaces
        // Read inside the transaction that writes them back, so an edit made meanwhile is not undone.
        return try await req.db.transaction { tx in
            let ids = try await (tx as! any SQLDatabase).raw("""
                SELECT id FROM spaces WHERE park_id = \(bind: parkID) AND active AND status IN ('available', 'reserved') ORDER BY id
                """).all().map { try $0.decode(column: "id", as: Int.self) }
            let records = try await RegisterStore.load(declaration, ids: ids, on: tx)
            for record in records {
                try await RegisterStore.update(declaration, id: record.id, record.values, now: req.now, on: tx)
                let after = try await RegisterStore.find(declaration, id: record.id, on: tx)!
                try await AuditLog.record(req, on: tx, action: .update, entity: declaration.entity, entityID: "\(record.id)",
                                          summary: "确认空间“\(record.text("name") ?? "")”信息仍然有效（整园确认）",
                                          before: RegisterDTO(declaration: declaration, record: record.forAudit), after: RegisterDTO(declaration: declaration, record: after.forAudit))
            }
            return records.count
        }
    }

    // MARK: Sections

    /// A park's page: its spaces on offer and how current they are, and its recognition year by year.
    @Sendable static func parkSection(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        let today = DisplayFormat.day(req.now)
        let row = try await req.sql.raw("""
            SELECT COUNT(*) AS total,
                   CAST(COALESCE(SUM(CASE WHEN status = 'available' THEN area ELSE 0 END), 0) AS BIGINT) AS available_area,
                   CAST(COALESCE(SUM(CASE WHEN status IN ('available', 'reserved') AND confirmed_until < \(bind: today) THEN 1 ELSE 0 END), 0) AS BIGINT) AS stale
            FROM spaces WHERE park_id = \(bind: record.id) AND active = \(bind: true)
            """).first()
        let total = try row?.decode(column: "total", as: Int.self) ?? 0
        let availableArea = try row?.decode(column: "available_area", as: Int64.self) ?? 0
        let stale = try row?.decode(column: "stale", as: Int.self) ?? 0
        let years = try await req.sql.raw("SELECT DISTINCT year FROM park_statistics WHERE park_id = \(bind: record.id) AND active = \(bind: true) ORDER BY year DESC")
            .all().map { Int(try $0.decode(column: "year", as: Int64.self)) }
        var history: [(year: Int, row: ParkRecognitionBoard.Row)] = []
        for year in years.prefix(5) {
            if let row = try await ParkRecognitionBoard.load(year: year, parkID: record.id, on: req.sql).rows.first { history.append((year, row)) }
        }
        let canWrite = record.active ? await RegisterWrites.mayWrite(.parks, record, req) : false
        let confirmed = req.query[Int.self, at: "confirmed"]
        return { context in
            .group(
                .section(.class("park-spaces"),
                    .h2(.text(context.t("空间资源", "Spaces"))),
                    .p(.text(context.t("在册空间 \(total) 个，可租售面积 \(Wan.grouped(UInt64(max(0, availableArea)))) 平方米。",
                                       "\(total) spaces, \(availableArea) m² available. ")),
                       .if(stale > 0, .span(.class("light red"), .text(context.t("\(stale) 个在招空间已过确认有效期，已不参与匹配、不在公开页面显示", "\(stale) stale: out of matching and the public page"))))),
                    .unwrap(confirmed) { .p(.class("notice"), .text(context.t("已确认 \($0) 个空间", "Confirmed \($0) spaces"))) },
                    .div(.class("actions"),
                        .a(.class("button secondary"), .href(RegisterDeclaration.spaces.path + "?parkId=\(record.id)"), .text(context.t("查看空间", "Spaces"))),
                        .if(canWrite, .a(.class("button secondary"), .href(RegisterDeclaration.spaces.path + "/new?parkId=\(record.id)"), .text(context.t("新增空间", "New space")))),
                        .if(canWrite && total > 0, .form(.method(.post), .action(RegisterDeclaration.parks.path(record.id) + "/confirm-spaces"), .class("inline"),
                            Page.csrf(context),
                            .button(.type(.submit), .text(context.t("确认全部在招空间仍然有效", "Confirm every space on offer"))))))),
                .section(.class("park-recognition"),
                    .h2(.text(context.t("认定与动态管理", "Recognition"))),
                    .if(history.isEmpty, .p(.text(context.t("尚无年度统计。", "No yearly statistics yet.")))),
                    .forEach(history) { item in ParkRecognitionView.detail(context, year: item.year, row: item.row) },
                    .p(.a(.href(recognitionPath), .text(context.t("全部园区认定情况", "All parks' recognition"))))))
        }
    }

    /// A space's page: how current it is and the owner's confirmation.
    @Sendable static func spaceSection(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        let canWrite = record.active ? await RegisterWrites.mayWrite(.spaces, record, req) : false
        let until = record.text("confirmedUntil")
        return { context in
            .section(.class("space-freshness"),
                .h2(.text(context.t("信息确认", "Confirmation"))),
                .p(.text(context.t("空间信息每 \(RegisterDeclaration.spaceConfirmationDays) 天需由园区确认一次；保存修改也视为确认。",
                                   "The park confirms a space every \(RegisterDeclaration.spaceConfirmationDays) days; saving it confirms it too. ")
                         + (until.map { context.t("当前确认有效至 \($0)。", "Confirmed until \($0).") } ?? ""))),
                .if(canWrite, .form(.method(.post), .action(RegisterDeclaration.spaces.path(record.id) + "/confirm"),
                    Page.csrf(context), .button(.type(.submit), .text(context.t("确认信息仍然有效", "Confirm it is current"))))))
        }
    }

    /// A statistic's page: its review, and for the office the review form.
    @Sendable static func statisticSection(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        let mayReview = req.actor?.hasAny(Policies.officeRegisters.write) ?? false
        return reviewForm(record, mayReview: mayReview && record.active, errors: [], note: record.text("reviewNote"))
    }

    static func reviewForm(_ record: RegisterRecord, mayReview: Bool, errors: [FieldError], note: String?) -> RegisterRecordSections.Draw {
        let status = record.text("reviewStatus")
        let statusName = ParkStatistic.reviewStatuses.first { $0.value == status }
        return { context in
            .section(.class("statistic-review"),
                .h2(.text(context.t("审核", "Review"))),
                .p(.text(context.t("审核状态：", "Review: ") + (statusName.map { context.t($0.zh, $0.en) } ?? "—"))),
                .if(mayReview, .form(.method(.post), .action(RegisterDeclaration.parkStatistics.path(record.id) + "/review"),
                    Page.csrf(context),
                    FormField.summary(errors, lang: context.lang),
                    FormField.select("decision", label: context.t("审核结论", "Decision"),
                                     options: [FormField.Option(value: "reviewed", label: context.t("审核通过", "Reviewed")),
                                               FormField.Option(value: "returned", label: context.t("退回修改", "Return for correction"))],
                                     selected: nil, errors: errors, lang: context.lang, required: true, blank: context.t("请选择", "Choose")),
                    FormField.textarea("reviewNote", label: context.t("审核意见", "Note"), value: note, errors: errors, lang: context.lang,
                                       hint: context.t("退回时必填", "Required when returning")),
                    .button(.type(.submit), .text(context.t("提交审核", "Submit review"))))))
        }
    }
}
