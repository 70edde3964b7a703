import Foundation
import GaoxinDomain
import Plot
import SQLKit
import Vapor

/// The scenario pages' sections: where an open scenario is published, and an application's way into
/// the attraction CRM — a new lead prefilled from it (source 场景招商, the scenario's unit as the
/// team, the company and its credit code), which keeps the application as its origin.
enum ScenarioPages {
    static var routes: [RouteSpec] { [] }

    @Sendable static func scenarioSection(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        let isPublic = record.active && record.text("status") == ScenarioStatus.open.rawValue && (record.text("deadline") ?? "") >= DisplayFormat.day(req.now)
        return { context in
            .section(.class("scenario-public"),
                .h2(.text(context.t("公开发布", "Published"))),
                isPublic
                    ? .p(.text(context.t("征集中，公开页面：", "Open; public page: ")), .a(.href(PublicPages.scenariosPath + "/\(record.id)"), .text(PublicPages.scenariosPath + "/\(record.id)")))
                    : .p(.text(context.t("不在公开页面（仅“征集中”且未过截止日期的场景公开）。", "Not public (only open scenarios before their deadline are)."))))
        }
    }

    @Sendable static func applicationSection(_ req: Request, _ record: RegisterRecord) async throws -> RegisterRecordSections.Draw {
        let lead = try await req.sql.raw("SELECT id, code FROM leads WHERE scenario_application_id = \(bind: record.id) AND active = \(bind: true)").first()
        let leadLink = try lead.map { (id: try $0.decode(column: "id", as: Int.self), code: try $0.decode(column: "code", as: String.self)) }
        var newLead: String?
        if leadLink == nil, record.active, ["shortlisted", "matched"].contains(record.text("status") ?? ""),
           let actor = req.actor, actor.hasAny(RegisterDeclaration.leads.policy.write) {
            var prefill = ["scenarioApplicationId": String(record.id), "companyName": record.text("companyName") ?? "",
                           "creditCode": record.text("creditCode") ?? "", "stage": LeadStage.contacting.rawValue,
                           "contacts": [record.text("contactName"), record.text("contactPhone"), record.text("email")].compactMap { $0 }.joined(separator: "，")]
            if let source = try await req.sql.raw("SELECT id FROM lead_sources WHERE name = \(bind: "场景招商") AND active = \(bind: true)").first() {
                prefill["sourceId"] = String(try source.decode(column: "id", as: Int.self))
            }
            if let scenario = record.values["scenarioId"]?.integer,
               let unit = try await req.sql.raw("SELECT owning_unit_id FROM scenarios WHERE id = \(bind: scenario)").first() {
                prefill["owningUnitId"] = String(try unit.decode(column: "owning_unit_id", as: Int.self))
            }
            newLead = RegisterDeclaration.leads.newPath(prefill: prefill)
        }
        return { context in
            .section(.class("application-lead"),
                .h2(.text(context.t("场景招商", "Scenario attraction"))),
                .unwrap(leadLink) { lead in
                    .p(.text(context.t("已转为招商线索：", "Became the lead ")), .a(.href(RegisterDeclaration.leads.path(lead.id)), .text(lead.code)))
                },
                .unwrap(newLead) { link in
                    .p(.a(.class("button"), .href(link), .text(context.t("转为招商线索（场景招商）", "Turn into an attraction lead"))))
                },
                .if(leadLink == nil && newLead == nil, .p(.class("hint"), .text(context.t("入围或揭榜成功的申请可转为招商线索。", "A shortlisted or matched application can become a lead.")))))
        }
    }
}
