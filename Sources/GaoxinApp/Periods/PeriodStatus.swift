import Foundation
import OpenAPIKit30
import Vapor

/// A month as the period page and `GET /api/v1/periods/{month}` show it.
struct PeriodStatus: Content, APISchema {
    let month: String
    let closed: Bool
    let closedAt: Date?
    let closedBy: String?
    /// What is missing (empty once closed: a closed month is frozen).
    let gaps: [PeriodGap]
    let restatements: [RestatementDTO]

    static let schemaName = "PeriodStatus"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "month": .string(pattern: "^[0-9]{4}-[0-9]{2}$"), "closed": .boolean,
            "closedAt": .string(format: .dateTime, required: false, nullable: true), "closedBy": .string(required: false, nullable: true),
            "gaps": .array(items: .object(properties: [
                "key": .string(allowedValues: ["enterpriseFigures", "clusterFigures", "projectInvestments"]), "title": .string, "titleEn": .string,
                "count": .integer, "items": .array(items: .object(properties: ["name": .string, "path": .string])),
            ])),
            "restatements": .array(items: RestatementDTO.openAPISchema),
        ])
    }
}

/// One correction of a closed month's figure.
struct RestatementDTO: Content, APISchema {
    let id: Int
    let month: String
    let entity: String
    let entityId: String
    let subject: String
    let figure: String
    let oldValue: Int64?
    let newValue: Int64?
    let reason: String
    let by: String
    let at: Date

    init(_ row: Restatement) {
        id = row.id ?? 0
        month = row.month
        entity = row.entity
        entityId = row.entityID
        subject = row.subject
        figure = row.figure
        oldValue = row.oldValue
        newValue = row.newValue
        reason = row.reason
        by = row.userName
        at = row.createdAt
    }

    static let schemaName = "Restatement"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "month": .string(pattern: "^[0-9]{4}-[0-9]{2}$"), "entity": .string, "entityId": .string, "subject": .string,
            "figure": .string(description: "更正的指标"), "oldValue": .integer(required: false, nullable: true), "newValue": .integer(required: false, nullable: true),
            "reason": .string, "by": .string, "at": .string(format: .dateTime),
        ])
    }
}

/// `POST /api/v1/periods/{month}/reopen`: why the month is reopened.
struct PeriodReopenInput: Content, APISchema {
    var reason: String?

    static let schemaName = "PeriodReopenInput"
    static var openAPISchema: JSONSchema {
        .object(properties: ["reason": .string(required: true, minLength: 1, maxLength: 500)])
    }
}
