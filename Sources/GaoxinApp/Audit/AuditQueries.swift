import Foundation
import SQLKit
import Vapor

enum AuditQueries {
    struct Row: Decodable, Sendable {
        var id: Int
        var at: Date
        var actorId: Int?
        var actorName: String
        var action: String
        var entity: String
        var entityId: String
        var summary: String
        var beforeJson: String?
        var afterJson: String?
        var address: String?
    }

    /// Every kind of record the log holds (the filter's choices).
    static let entities: [(value: String, zh: String, en: String)] = AuditEntityKind.all.map { ($0.value, $0.zh, $0.en) }

    static let list = ListDefinition(
        from: "audit_log a",
        select: ["a.id AS id", "a.at AS at", "a.actor_id AS actor_id", "a.actor_name AS actor_name", "a.action AS action",
                 "a.entity AS entity", "a.entity_id AS entity_id", "a.summary AS summary", "a.before_json AS before_json",
                 "a.after_json AS after_json", "a.address AS address"],
        searchColumns: ["a.summary", "a.actor_name", "a.before_json", "a.after_json"],
        filters: [
            ListFilter(key: "entity", zh: "对象", en: "Entity", kind: .choice(column: "a.entity", options: entities)),
            ListFilter(key: "action", zh: "操作", en: "Action", kind: .choice(column: "a.action", options: AuditLog.Action.allCases.map { ($0.rawValue, $0.nameZh, $0.nameEn) })),
            ListFilter(key: "actor", zh: "操作人 ID", en: "Actor id", kind: .id(column: "a.actor_id")),
            ListFilter(key: "entityId", zh: "对象 ID", en: "Entity id", kind: .exactText(column: "a.entity_id")),
            ListFilter(key: "from", zh: "起始日期", en: "From", kind: .dateFrom(column: "a.at")),
            ListFilter(key: "to", zh: "截止日期", en: "To", kind: .dateTo(column: "a.at")),
        ],
        sorts: ["at": "a.at", "id": "a.id"],
        defaultSort: "id", defaultDescending: true, tieBreaker: "a.id"
    )
}

struct AuditEntryDTO: Content, APISchema {
    var id: Int
    var at: Date
    var actorId: Int?
    var actorName: String
    var action: String
    var entity: String
    var entityId: String
    var summary: String
    var before: String?
    var after: String?
    var address: String?

    init(_ row: AuditQueries.Row) {
        id = row.id; at = row.at; actorId = row.actorId; actorName = row.actorName; action = row.action; entity = row.entity
        entityId = row.entityId; summary = row.summary; before = row.beforeJson; after = row.afterJson; address = row.address
    }

    static let schemaName = "AuditEntry"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "at": .string(format: .dateTime), "actorId": .integer(required: false, nullable: true), "actorName": .string,
            "action": .string, "entity": .string, "entityId": .string, "summary": .string,
            "before": .string(required: false, nullable: true), "after": .string(required: false, nullable: true),
            "address": .string(required: false, nullable: true),
        ])
    }
}

typealias AuditListDTO = PagedDTO<AuditEntryDTO>

import OpenAPIKit30
