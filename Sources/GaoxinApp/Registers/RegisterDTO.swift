import GaoxinDomain
import OpenAPIKit30
import Vapor

/// A record as the API and the audit log show it: `id`, `active`, every field under its key
/// (money and areas as whole numbers, references as ids) and, beside each reference, the name of
/// what it points to (`issuingUnitId` → `issuingUnitName`, `clusterIds` → `clusterNames`).
struct RegisterDTO: Encodable, Sendable {
    let declaration: RegisterDeclaration
    let record: RegisterRecord

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// One member of the object: what `encode(to:)` encodes and `RegisterJSONText` writes.
    enum Member: Sendable, Equatable {
        case null
        case flag(Bool)
        case integer(Int64)
        /// A number with its decimals exactly, as `Decimal` encodes it.
        case decimal(Decimal)
        case text(String)
        case texts([String])
        case ids([Int])
    }

    /// The object's members in the order they are given (`RegisterJSONText` sorts them as the
    /// encoder sorts keys; `encode(to:)` serves a record nested in another object, the demo's audit snapshot).
    var members: [(key: String, value: Member)] {
        Self.sources(declaration, shown: declaration.shownFields, facts: hasListFacts).map { ($0.key, member($0.source)) }
    }

    /// A list's items carry the list facts (an enterprise's twelve months' revenue); a record alone does not.
    var hasListFacts: Bool { record.facts != nil && declaration.listFacts != nil }

    /// Where a member's value comes from. The members' keys and sources depend on the declaration
    /// alone (and on whether list facts are shown), so a page works them out once
    /// (`RegisterJSONText.Layout`) and reads each record's values by them.
    enum Source: Sendable {
        case id, active, timeLimit, path, depth
        // Each case holds the field's key and only what reading its value needs (a whole
        // `RegisterField` copied for every member of every record cost more than writing it).
        /// The field's own stored value (a reference's id, a choice's code); `places` for a decimal
        /// field, `multi` for a list of ids.
        case value(key: String, places: Int?, multi: Bool)
        /// Several choices: their codes (`roles`) and their labels (`roleNames`).
        case choiceCodes(key: String)
        case choiceLabels(key: String, [RegisterChoice])
        /// A choice's label beside its code (`category` → `categoryName`).
        case choiceLabel(key: String, [RegisterChoice])
        /// An industry code's GB/T 4754-2017 name (or its nearest listed ancestor's).
        case industryName(key: String)
        /// A reference's name beside its id, or a multi-reference's names.
        case referenceNames(key: String, multi: Bool)
        case fact(String)
    }

    /// The members' keys and sources in the order they are given.
    static func sources(_ declaration: RegisterDeclaration, shown: [RegisterField], facts: Bool) -> [(key: String, source: Source)] {
        var sources: [(key: String, source: Source)] = [("id", .id), ("active", .active)]
        if let limit = declaration.timeLimit { sources.append((limit.key, .timeLimit)) }
        if declaration.tree != nil {
            // A tree record's place: its materialised path and its depth below the root (0).
            sources.append(("path", .path))
            sources.append(("depth", .depth))
        }
        for field in shown {
            if case .choices(let choices) = field.kind {
                sources.append((field.key, .choiceCodes(key: field.key)))
                sources.append((nameKey(field)!, .choiceLabels(key: field.key, choices)))
                continue
            }
            var places: Int?
            if case .decimal(let decimals, _, _) = field.kind { places = decimals }
            sources.append((field.key, .value(key: field.key, places: places, multi: field.kind.isMulti)))
            guard let nameKey = nameKey(field) else { continue }
            switch field.kind {
            case .choice(let choices): sources.append((nameKey, .choiceLabel(key: field.key, choices)))
            case .industry: sources.append((nameKey, .industryName(key: field.key)))
            default: sources.append((nameKey, .referenceNames(key: field.key, multi: field.kind.isMulti)))
            }
        }
        if facts, let listFacts = declaration.listFacts {
            for fact in listFacts.facts { sources.append((fact.key, .fact(fact.key))) }
        }
        return sources
    }

    /// One member's value, read from the record by its source.
    func member(_ source: Source) -> Member {
        func text(_ value: String?) -> Member { value.map(Member.text) ?? .null }
        switch source {
        case .id: return .integer(Int64(record.id))
        case .active: return .flag(record.active)
        case .timeLimit: return text(record.expiry?.rawValue)
        case .path: return text(record.treePath)
        case .depth: return .integer(Int64(record.treePath.flatMap(UnitPath.init)?.depth ?? 0))
        case .choiceCodes(let key):
            return .texts(record.values[key]?.text.map(RegisterChoiceSet.decode) ?? [])
        case .choiceLabels(let key, let choices):
            let codes = record.values[key]?.text.map(RegisterChoiceSet.decode) ?? []
            return .texts(codes.map { code in choices.first { $0.value == code }?.zh ?? code })
        case .value(let key, let places, let multi):
            switch record.values[key] {
            case nil: return multi ? .ids([]) : .null
            case .text(let value)?: return .text(value)
            case .integer(let value)?:
                if let places {
                    // A JSON number with the stored decimals exactly (Decimal, not a binary double).
                    return Decimal(string: ScaledDecimal(scaled: value, places: places).text).map(Member.decimal) ?? .null
                }
                return .integer(value)
            case .flag(let value)?: return .flag(value)
            case .ids(let value)?: return .ids(value)
            }
        case .choiceLabel(let key, let choices):
            let code = record.values[key]?.text
            return text(code.flatMap { code in choices.first { $0.value == code }?.zh })
        case .industryName(let key):
            return text(record.values[key]?.text.flatMap { IndustryCatalogue.standard.name(of: $0)?.zh })
        case .referenceNames(let key, let multi):
            let names = record.referenceNames[key] ?? []
            return multi ? .texts(names) : text(names.first)
        case .fact(let key):
            switch record.facts?[key] {
            case .integer(let number)?: return .integer(number)
            case .text(let text)?: return .text(text)
            default: return .null
            }
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in members {
            let key = Key(key)
            switch value {
            case .null: try container.encodeNil(forKey: key)
            case .flag(let flag): try container.encode(flag, forKey: key)
            case .integer(let number): try container.encode(number, forKey: key)
            case .decimal(let number): try container.encode(number, forKey: key)
            case .text(let text): try container.encode(text, forKey: key)
            case .texts(let texts): try container.encode(texts, forKey: key)
            case .ids(let ids): try container.encode(ids, forKey: key)
            }
        }
    }

    /// The derived key naming a reference's target or a choice's label, or nil for other fields.
    static func nameKey(_ field: RegisterField) -> String? {
        switch field.kind {
        case .industry: return (field.key.hasSuffix("Code") ? String(field.key.dropLast(4)) : field.key) + "Name"
        case .choice: return field.key + "Name"
        case .choices: return (field.key.hasSuffix("s") ? String(field.key.dropLast()) : field.key) + "Names"
        case .reference: return (field.key.hasSuffix("Id") ? String(field.key.dropLast(2)) : field.key) + "Name"
        case .references: return (field.key.hasSuffix("Ids") ? String(field.key.dropLast(3)) : field.key) + "Names"
        default: return nil
        }
    }

    // MARK: OpenAPI

    static func schema(_ declaration: RegisterDeclaration) -> JSONSchema {
        var properties: OrderedDictionary<String, JSONSchema> = ["id": .integer, "active": .boolean]
        if let limit = declaration.timeLimit {
            properties[limit.key] = .string(required: true, nullable: true, description: limit.description,
                                            allowedValues: limit.states.map { AnyCodable($0.rawValue) } + [nil])
        }
        if declaration.tree != nil {
            properties["path"] = .string(description: "路径：从根到本记录的 ID，如 /1/5/12/")
            properties["depth"] = .integer(description: "层级：根为 0")
        }
        for field in declaration.shownFields {
            properties[field.key] = fieldSchema(field, required: true, nullable: !field.kind.isList)
            if let nameKey = nameKey(field) {
                properties[nameKey] = field.kind.isList ? .array(items: .string) : .string(required: true, nullable: true)
            }
        }
        for fact in declaration.listFacts?.facts ?? [] {
            let description = "列表中：" + fact.descriptionZh
            properties[fact.key] = fact.kind == .money ? .integer(format: .int64, required: false, nullable: true, description: description)
                : .string(required: false, nullable: true, description: description)
        }
        return .object(properties: properties)
    }

    /// The body of a create (required fields required) or, with `partial`, of a PATCH (none required).
    static func inputSchema(_ declaration: RegisterDeclaration, partial: Bool) -> JSONSchema {
        var properties: OrderedDictionary<String, JSONSchema> = [:]
        // A managed field is given at creation; a PATCH does not change it (its own action does: a unit's move).
        // A secret too is given only at creation (its own action changes it: a password reset).
        for field in declaration.inputFields where !(partial && (field.managed || field.kind.isSecret)) {
            properties[field.key] = fieldSchema(field, required: !partial && field.required, nullable: !field.required)
        }
        if RegisterAmountScale.hasMoney(declaration) {
            properties[RegisterAmountScale.confirmKey] = .boolean(required: false, nullable: true,
                description: "金额已核对：金额达到同类记录中位数的一万倍（疑似按“元”填写）时须为 true 才能保存")
        }
        // `{}` in a PATCH changes nothing (answered with the record, not audited), as for every other register.
        return .object(properties: properties)
    }

    static func fieldSchema(_ field: RegisterField, required: Bool, nullable: Bool) -> JSONSchema {
        let description = field.zh + (field.helpZh.map { "：\($0)" } ?? "")
        switch field.kind {
        case .text(let max), .code(let max), .note(let max):
            // A required text must hold more than spaces (the server trims); lengths count Unicode scalars, as the server does.
            let pattern: String? = field.characters?.pattern ?? (nullable ? nil : JSONSchema.nonBlank)
            return JSONSchema.string(required: required, nullable: nullable, description: description, maxLength: max, pattern: pattern)
        case .creditCode:
            return JSONSchema.string(required: required, nullable: nullable, description: description + "（18 位，可含空格或连字符，校验位须正确）", maxLength: 40,
                                     pattern: nullable ? nil : JSONSchema.nonBlank)
        case .money: return .integer(format: .int64, required: required, nullable: nullable, description: description + "（万元）",
                                     maximum: (Int(Wan.registerMaximum), exclusive: false), minimum: (0, exclusive: false))
        case .area: return .integer(format: .int64, required: required, nullable: nullable, description: description + "（平方米）",
                                    maximum: (Int(RegisterFieldKind.areaMaximum), exclusive: false), minimum: (0, exclusive: false))
        case .integer(let min, let max):
            return .integer(format: .int64, required: required, nullable: nullable, description: description, maximum: (Int(max), exclusive: false), minimum: (Int(min), exclusive: false))
        case .decimal(let places, let min, let max):
            return .number(required: required, nullable: nullable, description: description + "（最多 \(places) 位小数）",
                           maximum: (Double(max), exclusive: false), minimum: (Double(min), exclusive: false))
        case .date: return .string(format: .date, required: required, nullable: nullable, description: description)
        case .month: return .string(required: required, nullable: nullable, description: description + "（YYYY-MM）", pattern: "^[0-9]{4}-(0[1-9]|1[0-2])$")
        case .flag: return .boolean(required: required, nullable: nullable, description: description)
        case .choice(let choices):
            return .string(required: required, nullable: nullable, description: description,
                           allowedValues: choices.map { AnyCodable($0.value) } + (nullable ? [nil] : []))
        case .industry: return .string(required: required, nullable: nullable, description: description + "（GB/T 4754-2017 代码）", pattern: "^[A-Ta-t]?[0-9]{2,4}$")
        case .reference(let target): return .integer(format: .int64, required: required, nullable: nullable, description: description + "（\(target.zh) ID）", minimum: (1, exclusive: false))
        case .choices(let choices):
            return .array(required: required, nullable: nullable, description: description + "（可多选）", minItems: required ? 1 : 0,
                          items: .string(allowedValues: choices.map { AnyCodable($0.value) }))
        case .secret: return .string(format: .password, required: required, nullable: nullable, description: description, maxLength: 200)
        case .timestamp: return .string(format: .dateTime, required: required, nullable: nullable, description: description)
        case .references(let target): return .array(required: required, nullable: nullable, description: description + "（\(target.zh) ID 数组）", items: .integer(format: .int64, minimum: (1, exclusive: false)))
        }
    }
}
