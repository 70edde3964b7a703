import Foundation

/// A value of an audit snapshot (the JSON a DTO was written as), decoded strictly so a boolean
/// never reads as 1 nor a number as true.
indirect enum AuditJSON: Decodable, Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([AuditJSON])
    case object([String: AuditJSON])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .integer(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([AuditJSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: AuditJSON].self)) }
    }

    /// The snapshot's top-level object; nil for no snapshot or text that is not a JSON object.
    static func object(_ text: String?) -> [String: AuditJSON]? {
        guard let text, let data = text.data(using: .utf8),
              case .object(let fields)? = try? JSONDecoder().decode(AuditJSON.self, from: data) else { return nil }
        return fields
    }

    /// The value as a person reads it: 是/否, — for null, lists joined, nested objects compact.
    func text(_ lang: UILanguage) -> String {
        switch self {
        case .null: return "—"
        case .bool(let value): return value ? lang.t("是", "Yes") : lang.t("否", "No")
        case .integer(let value): return String(value)
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): return value.isEmpty ? "—" : value
        case .array(let items): return items.isEmpty ? "—" : items.map { $0.text(lang) }.joined(separator: lang.t("、", ", "))
        case .object(let fields):
            return "{" + fields.keys.sorted().map { "\($0): \(fields[$0]!.text(lang))" }.joined(separator: ", ") + "}"
        }
    }

    /// The string a name field holds, if it is one.
    var string: String? {
        if case .string(let value) = self, !value.isEmpty { return value }
        return nil
    }
}
