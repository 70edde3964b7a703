import Fluent
import Foundation
import GaoxinDomain
import OpenAPIKit30
import Vapor

/// A named structure a city or zone groups its clusters into (SPEC §2.2; seed 001's "465").
final class ClusterStructure: Model, @unchecked Sendable {
    static let schema = "cluster_structures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    /// The city, board or zone whose clusters it groups.
    @OptionalField(key: "unit_id") var unitID: Int?
    @OptionalField(key: "note") var note: String?
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A structure with its groups, as the API and the audit log see it.
struct ClusterStructureDTO: Content, Equatable, APISchema {
    struct Group: Content, Equatable {
        var name: String
        var clusterIds: [Int]
        var clusterNames: [String]
    }

    var id: Int
    var name: String
    var unitId: Int?
    var unitName: String?
    var note: String?
    var sortOrder: Int
    var active: Bool
    var groups: [Group]

    static let schemaName = "ClusterStructure"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "id": .integer, "name": .string, "unitId": .integer(required: false, nullable: true, description: "归属的市、板块或园区"),
            "unitName": .string(required: false, nullable: true), "note": .string(required: false, nullable: true), "sortOrder": .integer, "active": .boolean,
            "groups": .array(items: .object(properties: ["name": .string, "clusterIds": .array(items: .integer), "clusterNames": .array(items: .string)])),
        ])
    }

    /// The groups as one text, a line each (`StructureGroupsText`).
    var groupsText: String { StructureGroupsText.format(groups.map { (name: $0.name, clusters: $0.clusterNames) }) }
}

/// What a client sends: groups by cluster id (the API) or as lines of names (the form).
struct ClusterStructureInput: Content, APISchema {
    struct Group: Content {
        var name: String
        var clusterIds: [Int]
    }

    var name: String?
    var unitId: Int?
    var note: String?
    var sortOrder: Int?
    var groups: [Group]?

    static let schemaName = "ClusterStructureInput"
    static var openAPISchema: JSONSchema {
        .object(properties: [
            "name": .string(required: true, maxLength: 100, pattern: JSONSchema.nonBlank),
            "unitId": .integer(required: false, nullable: true, description: "归属的市、板块或园区；新建时不填为根单位，修改时不填则不变", minimum: (1, exclusive: false)),
            "note": .string(required: false, nullable: true, maxLength: 2000),
            "sortOrder": .sortOrder(),
            "groups": .array(required: false, items: .object(properties: ["name": .string(maxLength: 50), "clusterIds": .array(items: .integer(minimum: (1, exclusive: false)))])),
        ])
    }
}

struct ClusterStructureListDTO: Content, APISchema {
    var items: [ClusterStructureDTO]

    static let schemaName = "ClusterStructureList"
    static var openAPISchema: JSONSchema { .object(properties: ["items": .array(items: .reference(.component(named: ClusterStructureDTO.schemaName)))]) }
}
