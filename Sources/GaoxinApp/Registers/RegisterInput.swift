import Foundation
import GaoxinDomain

/// What a submission says about one record before it is checked: text per field key (several
/// texts for a multi-reference), read from a form, a JSON body or an import row. Keys the
/// submission does not carry are absent, so a PATCH or a file without a column keeps the stored value.
struct RegisterInput: Sendable {
    enum Source: Sendable {
        /// A web form: money in 亿元, an unticked box is "no".
        case form
        /// The API: money in whole 万元, references by id.
        case json
        /// An import row: money in whole 万元, references by name or code.
        case file
    }

    var source: Source
    var texts: [String: String] = [:]
    var lists: [String: [String]] = [:]
    /// Several-valued fields whose texts were typed as names or codes (`RegisterField.namesKey`),
    /// never read as ids: "0499" is part of a name there, not record 499.
    var typedLists: Set<String> = []
    /// The person confirmed that an unusually large amount is right (`RegisterAmountScale`).
    var confirmedAmounts = false

    func has(_ key: String) -> Bool { texts[key] != nil || lists[key] != nil }

    /// A form post: every field of the register is present (a missing checkbox is unticked).
    static func form(_ form: [String: String], lists: [String: [String]], declaration: RegisterDeclaration) -> RegisterInput {
        var input = RegisterInput(source: .form)
        input.confirmedAmounts = form[RegisterAmountScale.confirmKey] == "1"
        for field in declaration.inputFields {
            switch field.kind {
            case .references:
                // Ticked boxes (ids), or — for a target too big for boxes — names or codes typed one a line.
                if let typed = form[field.namesKey] {
                    input.lists[field.key] = names(typed)
                    input.typedLists.insert(field.key)
                } else {
                    input.lists[field.key] = lists[field.key] ?? []
                }
            case .choices: input.lists[field.key] = lists[field.key] ?? form[field.key].map { [$0] } ?? []
            case .flag: input.texts[field.key] = form[field.key] ?? "0"
            default: input.texts[field.key] = form[field.key] ?? ""
            }
        }
        return input
    }

    /// Several names or codes in one text, separated by 、，, ; or a new line.
    static func names(_ text: String) -> [String] {
        // "\r\n" (a browser's line break) is one Character in Swift, not a "\r" and a "\n".
        text.split(whereSeparator: { $0 == "\r\n" || "、，,;；\n\r".contains($0) }).map { $0.trimming(.whitespaces) }.filter { !$0.isEmpty }
    }

    /// A JSON object: numbers and booleans in their text form, null as empty, arrays for lists.
    /// A value of the wrong JSON type is refused at its field.
    static func json(_ object: [String: BodyValue], declaration: RegisterDeclaration) throws -> RegisterInput {
        // Keys the register does not have are ignored, as every other endpoint's decoding ignores them.
        var input = RegisterInput(source: .json)
        var failures: [FieldError] = []
        switch object[RegisterAmountScale.confirmKey] {
        case .bool(let confirmed)?: input.confirmedAmounts = confirmed
        case nil, .null?: break
        default: failures.append(.invalid(RegisterAmountScale.confirmKey, zh: "金额已核对应为 true 或 false", en: "confirmLargeAmounts must be true or false"))
        }
        for field in declaration.inputFields {
            guard let value = object[field.key] else { continue }
            switch (field.kind, value) {
            case (.references, .array(let items)) where items.allSatisfy(\.isInteger): input.lists[field.key] = items.map(\.text)
            case (.references, .null), (.choices, .null): input.lists[field.key] = []
            case (.choices, .array(let items)) where items.allSatisfy(\.isString): input.lists[field.key] = items.map(\.text)
            case (.money, .number), (.area, .number), (.integer, .number), (.decimal, .number), (.reference, .number), (.flag, .bool), (_, .null):
                input.texts[field.key] = value.text
            case (.text, .string), (.note, .string), (.code, .string), (.creditCode, .string), (.secret, .string):
                input.texts[field.key] = value.text
            case (.date, .string(let text)), (.month, .string(let text)), (.choice, .string(let text)), (.industry, .string(let text)):
                // An empty value is null in JSON (as the document says); "" is not a date, a choice or a code.
                if text.trimming(.whitespaces).isEmpty {
                    failures.append(.invalid(field.key, zh: "\(field.zh)不能为空字符串，留空请用 null", en: "\(field.en): send null, not an empty string"))
                } else {
                    input.texts[field.key] = text
                }
            default:
                failures.append(.invalid(field.key, zh: "\(field.zh)的类型不正确（应为\(field.kind.jsonTypeZh)）", en: "\(field.en) has the wrong JSON type"))
            }
        }
        if !failures.isEmpty { throw ValidationFailed(failures) }
        return input
    }

    /// An import row: the file's columns only; a multi-reference cell lists names separated by 、，, or ;.
    static func row(_ row: ImportRow, declaration: RegisterDeclaration) -> RegisterInput {
        var input = RegisterInput(source: .file)
        for field in declaration.inputFields where row.has(field.key) {
            if field.kind.isList {
                input.lists[field.key] = names(row.value(field.key))
            } else {
                input.texts[field.key] = row.value(field.key)
            }
        }
        return input
    }
}

/// A JSON value as a body carries it, read without a fixed type so each field can say what it expected.
enum BodyValue: Decodable, Sendable {
    case null, bool(Bool), number(String), string(String), array([BodyValue]), object([String: BodyValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Int64.self) { self = .number(String(value)) }
        else if let value = try? container.decode(Double.self) { self = .number(String(value)) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([BodyValue].self) { self = .array(value) }
        else { self = .object(try container.decode([String: BodyValue].self)) }
    }

    var isInteger: Bool { if case .number(let text) = self { return Int64(text) != nil }; return false }
    var isString: Bool { if case .string = self { return true }; return false }

    var text: String {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "1" : "0"
        case .number(let value), .string(let value): return value
        case .array, .object: return ""
        }
    }
}

extension RegisterFieldKind {
    /// What JSON type a body must use for the field (for the type error's message).
    var jsonTypeZh: String {
        switch self {
        case .money, .area, .integer: return "整数"
        case .decimal: return "数字"
        case .reference: return "ID 整数"
        case .references: return "ID 整数数组"
        case .choices: return "字符串数组"
        case .flag: return "true 或 false"
        default: return "字符串"
        }
    }
}
