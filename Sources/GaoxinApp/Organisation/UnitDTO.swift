import Foundation
import GaoxinDomain
import OpenAPIKit30
import Vapor

/// A unit as the API and the audit log see it.
struct UnitDTO: Content, Equatable, APISchema {
    var id: Int
    var name: String
    var kind: String
    var kindName: String
    var code: String?
    var parentId: Int?
    var path: String
    var depth: Int
    var sortOrder: Int
    var active: Bool
    var note: String?

    init(_ unit: OrgUnit) {
        id = unit.id ?? 0
        name = unit.name
        kind = unit.kind
        kindName = unit.unitKind.nameZh
        code = unit.code
        parentId = unit.parentID
        path = unit.path
        depth = unit.unitPath?.depth ?? 0
        sortOrder = unit.sortOrder
        active = unit.active
        note = unit.note
    }

    static let schemaName = "Unit"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "name": .string, "kind": .string(allowedValues: UnitKind.allCases.map { AnyCodable($0.rawValue) }),
            "kindName": .string, "code": .string(required: false, nullable: true), "parentId": .integer(required: false, nullable: true),
            "path": .string, "depth": .integer, "sortOrder": .integer, "active": .boolean,
            "note": .string(required: false, nullable: true),
        ])
    }
}

/// What a client sends to create or change a unit. On PATCH, absent fields keep their value.
struct UnitInput: Content, APISchema {
    var name: String?
    var kind: String?
    var code: String?
    var parentId: Int?
    var sortOrder: Int?
    var note: String?

    static let schemaName = "UnitInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "name": .string(required: true, maxLength: 100, pattern: JSONSchema.nonBlank), "kind": .string(required: true, allowedValues: UnitKind.allCases.map { AnyCodable($0.rawValue) }),
            "code": .string(required: false, nullable: true, maxLength: 50), "parentId": .integer(required: false, nullable: true),
            "sortOrder": .sortOrder(), "note": .string(required: false, nullable: true, maxLength: 2000),
        ])
    }
}

/// Where to move a unit: `parentId` must be present, `null` making it a top-level unit, so that
/// an empty body cannot move a unit to the top by accident.
struct UnitMoveInput: Content, APISchema {
    var parentId: Int?

    init(parentId: Int?) { self.parentId = parentId }

    enum CodingKeys: String, CodingKey { case parentId }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.parentId) else {
            throw DecodingError.keyNotFound(CodingKeys.parentId, .init(codingPath: [], debugDescription: "parentId is required (null for the top level)"))
        }
        parentId = try container.decode(Int?.self, forKey: .parentId)
    }

    static let schemaName = "UnitMoveInput"
    static var openAPISchema: JSONSchema {
        .object(properties: ["parentId": .integer(required: true, nullable: true, minimum: (1, exclusive: false))])
    }
}

typealias UnitListDTO = PagedDTO<UnitDTO>
