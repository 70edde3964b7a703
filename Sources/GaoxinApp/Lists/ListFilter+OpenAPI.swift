import GaoxinDomain
import OpenAPIKit30

/// A list filter in the API document: the schema states exactly the values `ListFilter.accepts`
/// lets through (read from the same options and Swift enums), so a client — or a fuzzer — knows
/// which values are answered and which are refused with 400.
extension ListFilter {
    var openAPISchema: JSONSchema {
        switch kind {
        case .choice(_, let options), .choiceSet(_, let options): return .string(allowedValues: options.map { AnyCodable($0.value) })
        case .flag: return .string(allowedValues: ListFilter.flagValues.map { AnyCodable($0) })
        case .unitSubtree, .id, .linked, .clusterMember: return APIParameter.idSchema
        case .integer(_, let min, let max): return .integer(format: .int64, maximum: (Int(max), exclusive: false), minimum: (Int(min), exclusive: false))
        case .exactText: return .string(maxLength: ListFilter.maxTextLength)
        case .heldQualification: return .string(allowedValues: Qualification.allCases.map { AnyCodable($0.rawValue) })
        case .codePrefix: return .string(pattern: ListFilter.codePrefixPattern)
        case .dateFrom, .dateTo, .dayFrom, .dayTo: return .string(format: .date)
        case .timeLimit(let limit): return .string(allowedValues: limit.states.map { AnyCodable($0.rawValue) })
        }
    }

    /// What the value means, with the accepted values and their Chinese names where there are few.
    var openAPIDescription: String {
        switch kind {
        case .choice(_, let options), .choiceSet(_, let options): return zh + "：" + options.map { "\($0.value) \($0.zh)" }.joined(separator: "、")
        case .flag: return zh + "：1 是 / 0 否"
        case .unitSubtree: return zh + "：单位 ID，含其下级单位"
        case .id, .linked: return zh + "（ID）"
        case .clusterMember: return zh + "（集群 ID）：挂在该集群产业链环节上的企业，每家计一次"
        case .integer(_, let min, let max): return zh + "（\(min)–\(max) 的整数，完全一致）"
        case .exactText: return zh + "（完全一致）"
        case .heldQualification: return zh + "（当前持有）：" + Qualification.allCases.map { "\($0.rawValue) \($0.nameZh)" }.joined(separator: "、")
        case .codePrefix: return zh + "前缀，如 39（大类）、3976；或门类字母，如 C（制造业）"
        case .dateFrom, .dayFrom: return zh + "起 YYYY-MM-DD（含当日）"
        case .dateTo, .dayTo: return zh + "止 YYYY-MM-DD（含当日）"
        case .timeLimit(let limit): return limit.description
        }
    }

    /// The values of a yes/no filter.
    static let flagValues = ["1", "0"]
    /// A code prefix: ASCII letters and digits only (so no LIKE wildcard to escape), 1–20 of them.
    static let codePrefixPattern = "^[A-Za-z0-9]{1,20}$"
}
