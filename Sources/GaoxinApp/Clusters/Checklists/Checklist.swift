import Fluent
import Foundation
import GaoxinDomain

/// A checklist template (机制清单): "八个一" is built in and locked; the office keeps others.
final class ChecklistTemplate: Model, @unchecked Sendable {
    static let schema = "checklist_templates"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    @OptionalField(key: "note") var note: String?
    /// A built-in template whose items no one changes ("八个一" of seed 000).
    @Field(key: "locked") var locked: Bool
    @Field(key: "sort_order") var sortOrder: Int
    @Field(key: "active") var active: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}

/// An item of a template and what decides it. An item taken out of a template is kept inactive
/// so the entries made for it stay readable in the audit log.
final class ChecklistItem: Model, @unchecked Sendable {
    static let schema = "checklist_items"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "template_id") var templateID: Int
    @Field(key: "name") var name: String
    @Field(key: "source") var source: String
    @Field(key: "position") var position: Int
    @Field(key: "active") var active: Bool

    init() {}

    var checklistSource: ChecklistSource { ChecklistSource(rawValue: source) ?? .manual }
}

/// What a cluster's people entered for an item: a status where no record decides it, the unit
/// named for a team or task-force item, and a note (the evidence in words).
final class ChecklistEntry: Model, @unchecked Sendable {
    static let schema = "checklist_entries"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "cluster_id") var clusterID: Int
    @Field(key: "item_id") var itemID: Int
    @Field(key: "status") var status: String
    @OptionalField(key: "unit_id") var unitID: Int?
    @OptionalField(key: "note") var note: String?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    init() {}
}
