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

    func has(_ key: String) -> Bool { texts[key] != nil || lists[key] != nil }

    /// A form post: every field of the register is present (a missing checkbox is unticked).
    static func form(_ form: [String: String], lists: [String: [String]], declaration: RegisterDeclaration) -> RegisterInput {
        var input = RegisterInput(source: .form)
        for field in declaration.fields {
            switch field.kind {
            case .references: input.lists[field.key] = lists[field.key] ?? []
            case .flag: input.texts[field.key] = form[field.key] ?? "0"
            default: input.texts[field.key] = form[field.key] ?? ""
            }
        }
        return input
    }

    /// A JSON object: numbers and booleans in their text form, null as empty, arrays for lists.
    /// A value of the wrong JSON type is refused at its field.
    static func json(_ object: [String: BodyValue], declaration: RegisterDeclaration) throws -> RegisterInput {
        var input = RegisterInput(source: .json)
        let known = Set(declaration.fields.map(\.key))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) && !RegisterDTO.derivedKeys(declaration).contains($0) }) {
            throw AppError.badRequest("未知字段“\(unknown)”", field: unknown)
        }
        for field in declaration.fields {
            guard let value = object[field.key] else { continue }
            switch (field.kind, value) {
            case (.references, .array(let items)): input.lists[field.key] = items.map(\.text)
            case (.references, .null): input.lists[field.key] = []
            case (.references, _): throw ValidationFailed([.invalid(field.key, zh: "\(field.zh)应为 ID 数组", en: "\(field.en) must be an array of ids")])
            case (_, .array), (_, .object): throw ValidationFailed([.invalid(field.key, zh: "\(field.zh)的格式不正确", en: "\(field.en) has the wrong type")])
            default: input.texts[field.key] = value.text
            }
        }
        return input
    }

    /// An import row: the file's columns only; a multi-reference cell lists names separated by 、，, or ;.
    static func row(_ row: ImportRow, declaration: RegisterDeclaration) -> RegisterInput {
        var input = RegisterInput(source: .file)
        for field in declaration.fields where row.has(field.key) {
            if field.kind.isMulti {
                input.lists[field.key] = row.value(field.key).split(whereSeparator: { "、，,;；\n".contains($0) })
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
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

    var text: String {
        switch self {
        case .null: return ""
        case .bool(let value): return value ? "1" : "0"
        case .number(let value), .string(let value): return value
        case .array, .object: return ""
        }
    }
}
