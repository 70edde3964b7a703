import Fluent
import Foundation

/// A closed month: who closed it and when. Reopening deletes the row (the audit log keeps both).
final class PeriodCloseRecord: Model, @unchecked Sendable {
    static let schema = "period_closes"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "month") var month: String
    @Field(key: "closed_at") var closedAt: Date
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "user_name") var userName: String
    init() {}
}

/// One figure of a closed month corrected: its old and new value, who and why.
final class Restatement: Model, @unchecked Sendable {
    static let schema = "restatements"
    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "month") var month: String
    /// The audit entity of the corrected record (`enterprise_indicator`, `cluster_reported_figure`).
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    /// Whose figure: the enterprise's or the cluster's name at the time.
    @Field(key: "subject") var subject: String
    /// The figure's label (营业收入（万元）…).
    @Field(key: "figure") var figure: String
    @OptionalField(key: "old_value") var oldValue: Int64?
    @OptionalField(key: "new_value") var newValue: Int64?
    @Field(key: "reason") var reason: String
    @OptionalField(key: "user_id") var userID: Int?
    @Field(key: "user_name") var userName: String
    @Field(key: "created_at") var createdAt: Date
    init() {}
}
