import Foundation
import GaoxinDomain
import Plot
import SQLKit
import Vapor

/// A team's board of leads by stage (a card moves by a form post; nothing needs script), the move
/// itself (an update of the lead's stage through the register's one write path), and the lead
/// page's section: the next actions — record an activity, turn a signed lead into its project.
enum LeadPages {
    static let boardStages: [LeadStage] = [.lead, .contacting, .negotiating, .signed]
    /// Cards drawn per column; the column's count and a link to the full list stand above them.
    static let cardsPerColumn = 50

    static var routes: [RouteSpec] {
        let declaration = RegisterDeclaration.leads
        return [
            RouteSpec(.GET, declaration.path + "/board", .read(declaration.policy), board),
            RouteSpec(.POST, declaration.path + "/:id/stage", .write(declaration.policy), move),
        ]
    }

    struct Card: Sendable {
        let id: Int
        let code: String
        let company: String
        let team: String
        let investment: Int64?
        let nextStep: String?
        let nextStepOn: String?
        let stage: LeadStage
    }

    struct Board: Sendable {
        var unitID: Int?
        var counts: [LeadStage: Int] = [:]
        var cards: [LeadStage: [Card]] = [:]
        var dropped = 0
    }

    /// One query for the counts, one for the cards (the first `cardsPerColumn` of each stage by next step).
    static func load(unitID: Int?, on sql: any SQLDatabase) async throws -> Board {
        var board = Board(unitID: unitID)
        let scope: SQLQueryString = unitID.map { "AND l.owning_unit_id IN (\(ListFilter.subtreeUnitIDs(String($0))))" } ?? ""
        for row in try await sql.raw("SELECT l.stage, COUNT(*) AS n FROM leads l WHERE l.active = \(bind: true) \(scope) GROUP BY l.stage").all() {
            let count = try row.decode(column: "n", as: Int.self)
            guard let stage = LeadStage(rawValue: try row.decode(column: "stage", as: String.self)) else { continue }
            if stage == .dropped { board.dropped = count } else { board.counts[stage] = count }
        }
        let rows = try await sql.raw("""
            SELECT * FROM (
              SELECT l.id, l.code, l.company_name, l.estimated_investment, l.next_step, l.next_step_on, l.stage, u.name AS team,
                     ROW_NUMBER() OVER (PARTITION BY l.stage ORDER BY CASE WHEN l.next_step_on IS NULL THEN 1 ELSE 0 END, l.next_step_on, l.id) AS position
              FROM leads l JOIN units u ON u.id = l.owning_unit_id
              WHERE l.active = \(bind: true) AND l.stage <> \(bind: LeadStage.dropped.rawValue) \(scope)
            ) ranked WHERE position <= \(bind: cardsPerColumn) ORDER BY position
            """).all()
        for row in rows {
            guard let stage = LeadStage(rawValue: try row.decode(column: "stage", as: String.self)) else { continue }
            board.cards[stage, default: []].append(Card(
                id: try row.decode(column: "id", as: Int.self), code: try row.decode(column: "code", as: String.self),
                company: try row.decode(column: "company_name", as: String.self), team: try row.decode(column: "team", as: String.self),
                investment: try row.decode(column: "estimated_investment", as: Int64?.self), nextStep: try row.decode(column: "next_step", as: String?.self),
                nextStepOn: try row.decode(column: "next_step_on", as: String?.self), stage: stage))
        }
        return board
    }

    @Sendable static func board(_ req: Request) async throws -> Response {
        let actor = try req.requireActor()
        // A team sees its own board first; anyone may choose another unit's.
        let asked = req.query[String.self, at: "owningUnitId"]
        let unitID: Int? = asked.map { Int($0) } ?? (actor.hasAny([.admin, .office, .leader]) ? nil : actor.unitID)
        let board = try await load(unitID: unitID, on: req.sql)
        let units = try await UnitQueries.options(on: req.db)
        let mayWrite = actor.hasAny(RegisterDeclaration.leads.policy.write)
        let today = DisplayFormat.day(req.now)
        return try await req.renderPage { LeadBoardView.render($0, board, units: units, mayWrite: mayWrite, today: today) }
    }

    /// A card's move: the stage (and, for 放弃, the reason) through `RegisterWrites.update`, so
    /// ownership, rules and the audit are the register's own. Back to the board, or to the lead.
    @Sendable static func move(_ req: Request) async throws -> Response {
        let pages = RegisterPages(declaration: .leads)
        let record = try await pages.find(req)
        let form = try req.content.decode(LeadMoveForm.self)
        var input = RegisterInput(source: .form)
        input.texts["stage"] = form.stage ?? ""
        if let reason = form.droppedReason { input.texts["droppedReason"] = reason }
        let back = form.back == "board" ? RegisterDeclaration.leads.path + "/board" + (form.boardUnit.flatMap { Int($0) }.map { "?owningUnitId=\($0)" } ?? "")
                                        : RegisterDeclaration.leads.path(record.id)
        do {
            _ = try await RegisterWrites.update(.leads, record, input, req)
            return .redirect(back + (back.contains("?") ? "&" : "?") + "notice=saved")
        } catch let failed as ValidationFailed {
            // A card's form is a one-line move: its refusal (a drop without a reason) is the error page, with the way back.
            throw AppError.validation(failed)
        }
    }

    struct LeadMoveForm: Content {
        var stage: String?
        var droppedReason: String?
        var back: String?
        var boardUnit: String?
    }

    /// The lead page's next actions: record an activity; a signed lead becomes its project.
    @Sendable static func section(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        let project = try await req.sql.raw("SELECT id, name FROM projects WHERE lead_id = \(bind: record.id) AND active = \(bind: true)").first()
        let projectLink = try project.map { (id: try $0.decode(column: "id", as: Int.self), name: try $0.decode(column: "name", as: String.self)) }
        var canWrite = false
        if let actor = req.actor, actor.hasAny(RegisterDeclaration.leads.policy.write) {
            canWrite = (try? await RegisterWrites.requireOwnership(.leads, record, actor: actor, on: req.db)) != nil
        }
        let stage = record.text("stage").flatMap(LeadStage.init) ?? .lead
        var prefill = ["leadId": String(record.id), "investor": record.text("companyName") ?? "", "stage": ProjectStage.signed.rawValue,
                       "signedOn": DisplayFormat.day(req.now)]
        if let unit = record.values["owningUnitId"]?.integer { prefill["owningUnitId"] = String(unit) }
        if let node = record.values["chainNodeId"]?.integer { prefill["chainNodeId"] = String(node) }
        if let investment = record.values["estimatedInvestment"]?.integer { prefill["totalInvestment"] = Wan(investment).yiInput }
        var components = URLComponents()
        components.queryItems = prefill.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        let newProject = RegisterDeclaration.projects.path + "/new?" + (components.percentEncodedQuery ?? "")
        return { context in
            .section(.class("lead-actions"),
                .h2(.text(context.t("后续工作", "Next"))),
                .unwrap(projectLink) { project in
                    .p(.text(context.t("已转为项目：", "Became the project ")), .a(.href(RegisterDeclaration.projects.path(project.id)), .text(project.name)))
                },
                .if(canWrite && record.active, .div(.class("actions"),
                    .a(.class("button"), .href(RegisterDeclaration.leadActivities.path + "/new?leadId=\(record.id)"), .text(context.t("记录跟进", "Record an activity"))),
                    .if(stage == .signed && projectLink == nil,
                        .a(.class("button"), .href(newProject), .text(context.t("转为项目", "Turn into a project")))),
                    .a(.class("button secondary"), .href(RegisterDeclaration.leads.path + "/board"), .text(context.t("团队看板", "Team board")))))
            )
        }
    }
}
