import Fluent
import Foundation
import OpenAPIKit30
import Vapor

/// A top-down month of a cluster (SPEC §2.3): the above-scale revenue the statistics bureau
/// reports for it, entered by the cluster office or the lead department. Only a cluster whose
/// figures are top-down takes them (`ClusterFigureWrites`).
final class ClusterReportedFigure: Model, @unchecked Sendable {
    static let schema = "cluster_reported_figures"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "cluster_id") var clusterID: Int
    @Field(key: "period") var period: String
    /// 万元.
    @Field(key: "revenue") var revenue: Int64
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// A reported month as the API and the audit log see it.
struct ClusterReportedFigureDTO: Content, Equatable, APISchema {
    var clusterId: Int
    var period: String
    var revenue: Int64
    var note: String?

    init(_ row: ClusterReportedFigure) {
        clusterId = row.clusterID
        period = row.period
        revenue = row.revenue
        note = row.note
    }

    static let schemaName = "ClusterReportedFigure"
    static var openAPISchema: JSONSchema {
        .object(properties: ["clusterId": .integer, "period": .string(pattern: "^[0-9]{4}-[0-9]{2}$"), "revenue": .integer,
                             "note": .string(required: false, nullable: true)])
    }
}

/// What a client sends for a month: revenue in 万元.
struct ClusterReportedFigureInput: Content, APISchema {
    var revenue: Int64?
    var note: String?
    /// Why a closed month is corrected (required then).
    var restatementReason: String?

    static let schemaName = "ClusterReportedFigureInput"
    static var openAPISchema: JSONSchema {
        .object(properties: ["revenue": .integer(required: true, minimum: (0, exclusive: false)),
                             "note": .string(required: false, nullable: true, maxLength: 500),
                             "restatementReason": .string(required: false, nullable: true, description: "更正已关账月份时必填：更正原因", maxLength: 500)])
    }
}
