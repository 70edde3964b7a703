import Fluent
import Foundation

/// An uploaded regions × industries matrix (revenue or employment) for the complexity analysis.
final class ComplexityDataset: Model, @unchecked Sendable {
    static let schema = "complexity_datasets"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "name") var name: String
    /// `revenue`, `employment` or `other`: what the values measure.
    @Field(key: "measure") var measure: String
    @Field(key: "row_count") var rowCount: Int
    /// Distinct years, comma-separated, ascending.
    @Field(key: "years") var years: String
    /// nil for an upload, `zone` when built from the zone's own enterprise figures, `illustrative`
    /// for the demo's made-up province matrix (`IllustrativeMatrix`).
    @OptionalField(key: "source") var source: String?
    /// How the dataset was built, in words (shown on its page).
    @OptionalField(key: "description") var description: String?
    @OptionalField(key: "created_by") var createdBy: Int?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    var yearList: [String] { years.split(separator: ",").map(String.init) }
}

enum ComplexityMeasure: String, CaseIterable {
    case revenue, employment, other

    var nameZh: String {
        switch self {
        case .revenue: return "营业收入"
        case .employment: return "就业人数"
        case .other: return "其他"
        }
    }
}
