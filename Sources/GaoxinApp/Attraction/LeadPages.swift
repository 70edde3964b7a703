import Foundation
import GaoxinDomain
import Plot
import SQLKit
import Vapor

/// A team's board of leads by stage (a card moves by a form post; nothing needs script), the move
/// itself (an update of the lead's stage through the register's one write path), and the lead
/// page's section: the next actions — record an activity, turn a signed lead into its project —
/// and its timeline of activities (`LeadTimeline`).
enum LeadPages {
    static let boardStages: [LeadStage] = [.lead, .contacting, .negotiating, .signed]
    /// Cards drawn per column — the next steps due first; the column's count and a link to the rest
    /// (the list, in the same next-step order) stand beside them. Drawing 200 cards with their move
    /// forms was half a team board's time (80 ms at province scale); 25 a column is a screenful.
    static let cardsPerColumn = 25

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

    /// The counts, then each column's first cards (`LeadBoardQuery`).
    static func load(unitID: Int?, on sql: any SQLDatabase) async throws -> Board {
        var board = Board(unitID: unitID)
        let counts = try await LeadBoardQuery.counts(scope: unitID, on: sql)
        board.dropped = counts[.dropped] ?? 0
        for stage in boardStages {
            board.counts[stage] = counts[stage] ?? 0
            board.cards[stage] = try await LeadBoardQuery.cards(stage, held: counts[stage] ?? 0, scope: unitID, limit: cardsPerColumn, on: sql)
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
        let canWrite = await RegisterWrites.mayWrite(.leads, record, req)
        let stage = record.text("stage").flatMap(LeadStage.init) ?? .lead
        var prefill = ["leadId": String(record.id), "investor": record.text("companyName") ?? "", "stage": ProjectStage.signed.rawValue,
                       "signedOn": DisplayFormat.day(req.now)]
        if let unit = record.values["owningUnitId"]?.integer { prefill["owningUnitId"] = String(unit) }
        if let node = record.values["chainNodeId"]?.integer { prefill["chainNodeId"] = String(node) }
        if let investment = record.values["estimatedInvestment"]?.integer { prefill["totalInvestment"] = Wan(investment).yiInput }
        let newProject = RegisterDeclaration.projects.newPath(prefill: prefill)
        let timeline = try await LeadTimeline.load(lead: record.id, on: req.sql)
        return { context in
            .div(
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
            ),
            timeline.draw(context))
        }
    }
}
