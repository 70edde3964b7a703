import Fluent
import Foundation
import GaoxinDomain
import SQLKit

/// The one validation path of every declared register: a form, a JSON body and an import row
/// become `RegisterInput`s and are checked here, field by field, against the declaration, with
/// references and uniqueness looked up in batches. Each outcome holds the record's values (the
/// stored ones where the input is silent) or every failure with its Chinese message.
enum RegisterChecker {
    struct Outcome: Sendable {
        var values: RegisterValues
        var errors: [FieldError]
    }

    /// `rows`: the row number of each item where they come from a file, which a message naming
    /// another item gives (“与第 3 行是同一企业”). `medians`: the typical amounts of an import,
    /// worked out once for the whole file (`RegisterAmountScale.Medians`).
    static func check(_ declaration: RegisterDeclaration, _ items: [(input: RegisterInput, existing: RegisterRecord?)],
                      actor: Actor, rows: [Int]? = nil, medians: RegisterAmountScale.Medians? = nil, on db: Database) async throws -> [Outcome] {
        let references = try await RegisterReferences.load(for: declaration, inputs: items.map(\.input), on: db)
        var outcomes = items.map { item -> Outcome in
            var v = FieldValidator()
            var values = item.existing?.values ?? [:]
            for field in declaration.fields where item.input.has(field.key) {
                // A secret is set when the record is created; afterwards only its own action changes it.
                if case .secret(let secret) = field.kind, item.existing != nil {
                    if !(item.input.texts[field.key] ?? "").isEmpty {
                        v.add(.invalid(field.key, zh: "\(field.zh)只在新建时设置；\(secret.elsewhereZh)", en: "\(field.en) is set only on creation; \(secret.elsewhereEn)"))
                    }
                    continue
                }
                let value = read(field, item.input, references: references, actor: actor, ownership: declaration.ownership,
                                 kept: item.existing?.values[field.key], into: &v)
                values[field.key] = value
            }
            for field in declaration.fields where values[field.key] == nil && !v.errors.contains(where: { $0.field == field.key }) {
                // A never-empty column left empty: a new record takes the default, an existing one keeps its value.
                if let empty = field.whenEmpty { values[field.key] = item.existing?.values[field.key] ?? empty }
            }
            for field in declaration.fields where field.required && values[field.key] == nil && !v.errors.contains(where: { $0.field == field.key })
                && !(field.kind.isSecret && item.existing != nil) {
                switch field.kind {
                case .choices: v.add(FieldError(field: field.key, code: "required", zh: "请至少选择一个\(field.zh)", en: "Choose at least one \(field.en.lowercased())"))
                case .choice, .reference, .references, .flag: v.add(.choiceRequired(field.key, label: field.zh, labelEn: field.en))
                default: v.add(.required(field.key, label: field.zh, labelEn: field.en))
                }
            }
            // A managed field (a project's stage) changes only through its own action once the record exists.
            if let existing = item.existing {
                for field in declaration.fields where field.managed && item.input.has(field.key) && values[field.key] != existing.values[field.key]
                    && !v.errors.contains(where: { $0.field == field.key }) {
                    v.add(.invalid(field.key, zh: "\(field.zh)只能通过\(declaration.managedByZh)修改", en: "\(field.en) changes only through \(declaration.managedByEn)"))
                }
            }
            if v.isValid { for rule in declaration.rules { if let error = rule.check(values) { v.add(error) } } }
            if v.isValid, let writeRule = declaration.writeRule { for error in writeRule(&values, item.existing, actor) { v.add(error) } }
            declaration.derive?(&values)
            return Outcome(values: values, errors: v.errors)
        }
        try await checkUnique(declaration, items: items, rows: rows, outcomes: &outcomes, on: db)
        try await checkReferencedOwnership(declaration, outcomes: &outcomes, actor: actor, on: db)
        if let batchCheck = declaration.batchCheck {
            let checkable = outcomes.indices.filter { outcomes[$0].errors.isEmpty }
            let found = try await batchCheck(checkable.map { RegisterBatchItem(values: outcomes[$0].values, existingID: items[$0].existing?.id, number: rows?[$0] ?? $0 + 1) }, db)
            for (position, index) in checkable.enumerated() { outcomes[index].errors += found[position] }
        }
        try await RegisterAmountScale.check(declaration, items, outcomes: &outcomes, medians: medians, on: db)
        return outcomes
    }

    /// `RegisterOwnership.referencedUnit`: the `unit` role may write only records whose referenced
    /// record (a lead) its subtree owns — looked up in one query for the batch.
    private static func checkReferencedOwnership(_ declaration: RegisterDeclaration, outcomes: inout [Outcome], actor: Actor, on db: Database) async throws {
        guard case .referencedUnit(let key, let table) = declaration.ownership, actor.isOwnershipBound,
              let field = declaration.field(key) else { return }
        let ids = Set(outcomes.compactMap { $0.values[key]?.integer })
        guard !ids.isEmpty else { return }
        let paths = try await RegisterOwnershipLookup.unitPaths(table: table, ids: Array(ids), on: db)
        for index in outcomes.indices {
            guard let id = outcomes[index].values[key]?.integer, !outcomes[index].errors.contains(where: { $0.field == key }) else { continue }
            if !(paths[id].map(actor.owns) ?? false) {
                outcomes[index].errors.append(.invalid(key, zh: "\(field.zh)：只能选择本单位或下级单位负责的记录", en: "\(field.en): must be one your unit or a unit below it owns"))
            }
        }
    }

    /// One field's text → its stored value, or a failure added to `v` (then nil).
    /// `kept`: the record's stored value — a reference it already holds may stay even if its target
    /// was deactivated since (an edit of another field must not be refused for it).
    static func read(_ field: RegisterField, _ input: RegisterInput, references: RegisterReferences, actor: Actor,
                     ownership: RegisterOwnership, kept: RegisterValue? = nil, into v: inout FieldValidator) -> RegisterValue? {
        let keptIDs: Set<Int> = {
            switch kept {
            case .integer(let id)?: return [Int(id)]
            case .ids(let ids)?: return Set(ids)
            default: return []
            }
        }()
        if case .references(let target) = field.kind {
            let typed = input.typedLists.contains(field.key)
            let ids = (input.lists[field.key] ?? []).compactMap { resolve($0, target, field, input.source, references, typed: typed, kept: keptIDs, &v) }
            return ids.isEmpty ? nil : .ids(Array(NSOrderedSet(array: ids)) as! [Int])
        }
        func fail(_ zh: String, _ en: String) -> RegisterValue? { v.add(.invalid(field.key, zh: "\(field.zh)\(zh)", en: "\(field.en) \(en)")); return nil }
        if case .choices(let choices) = field.kind {
            var codes: [String] = []
            for raw in input.lists[field.key] ?? [] {
                let text = raw.trimming(.whitespaces)
                guard !text.isEmpty else { continue }
                guard let choice = choices.first(where: { $0.matches(text) }) else {
                    // The form's boxes and the template's note list the choices.
                    return fail("“\(text)”不存在", "\(text) does not exist")
                }
                codes.append(choice.value)
            }
            return codes.isEmpty ? nil : .text(RegisterChoiceSet.encode(codes, choices))
        }
        if case .secret = field.kind {
            // Taken as typed (spaces count in a password); the register's rules judge its strength.
            let text = input.texts[field.key] ?? ""
            if text.unicodeScalars.count > 200 { v.add(.tooLong(field.key, label: field.zh, labelEn: field.en, max: 200)); return nil }
            if !text.isEmpty, let failure = field.format?(text) { v.add(failure); return nil }
            return text.isEmpty ? nil : .text(text)
        }
        var text = (input.texts[field.key] ?? "").trimming(.whitespacesAndNewlines)
        if field.lowercased { text = text.lowercased() }
        if text.isEmpty { return field.kind.isFlag && input.source == .form ? .flag(false) : nil }
        switch field.kind {
        case .text(let max), .code(let max), .note(let max):
            let multiline = { if case .note = field.kind { return true }; return false }()
            if text.unicodeScalars.count > max { v.add(.tooLong(field.key, label: field.zh, labelEn: field.en, max: max)); return nil }
            if FieldValidator.hasControlCharacters(text, allowingLineBreaks: multiline) {
                return fail(multiline ? "含有不可见的控制字符" : "应为一行文字，不能含换行或控制字符", multiline ? "contains control characters" : "must be one line")
            }
            if let characters = field.characters, text.unicodeScalars.contains(where: { !characters.allowed.contains($0) }) {
                return fail("只能包含" + characters.zh, "may hold \(characters.en) only")
            }
            if let failure = field.format?(text) { v.add(failure); return nil }
            return .text(text)
        case .creditCode:
            switch CreditCode.parse(text) {
            case .success(let code): return .text(code.value)
            // The code's own messages name it already (统一社会信用代码应为 18 位…, 校验位应为…).
            case .failure(let problem): v.add(.invalid(field.key, zh: problem.messageZh, en: problem.messageEn)); return nil
            }
        case .money:
            if input.source == .form {
                switch Wan.parse(yi: text) {
                case .success(let wan):
                    if wan.value > Wan.registerMaximum { return fail("超出上限（\(Wan(Wan.registerMaximum).yiText) 亿元）", "is over the limit") }
                    return wan.value < 0 ? fail("不能为负数", "cannot be negative") : .integer(wan.value)
                case .failure(let problem): return fail("（亿元）" + problem.messageZh, "(100 million yuan) " + problem.messageEn)
                }
            }
            guard let wan = Int64(text.withoutThousandsCommas) else { return fail("应为整数（万元）", "must be a whole number of 10,000 yuan") }
            if wan > Wan.registerMaximum { return fail("超出上限（\(Wan.registerMaximum) 万元）", "is over the limit of \(Wan.registerMaximum)") }
            return wan < 0 ? fail("不能为负数", "cannot be negative") : .integer(wan)
        case .area:
            // Bounded (a million km²) so that derived figures — 亩, shares, sums — cannot overflow.
            guard let area = Int64(text.withoutThousandsCommas), area >= 0, area <= RegisterFieldKind.areaMaximum else {
                return fail("应为 0 到 \(Wan.grouped(UInt64(RegisterFieldKind.areaMaximum))) 之间的整数（平方米）", "must be a whole number of m², 0 to \(RegisterFieldKind.areaMaximum)")
            }
            return .integer(area)
        case .integer(let min, let max):
            guard let number = Int64(text), (min...max).contains(number) else { return fail("应为 \(min)–\(max) 之间的整数", "must be a whole number from \(min) to \(max)") }
            return .integer(number)
        case .decimal(let places, let min, let max):
            switch ScaledDecimal.parse(text, places: places) {
            case .success(let number):
                guard number.value >= Double(min), number.value <= Double(max) else { return fail("应在 \(min)–\(max) 之间", "must be from \(min) to \(max)") }
                return .integer(number.scaled)
            case .failure(let problem): return fail(problem.messageZh, problem.messageEn)
            }
        case .date:
            guard let day = CalendarDay(text) else { return fail("应为日期，格式 YYYY-MM-DD", "must be a date, YYYY-MM-DD") }
            return .text(day.description)
        case .month:
            guard let month = Period(text) else { return fail("应为月份，格式 YYYY-MM", "must be a month, YYYY-MM") }
            return .text(month.description)
        case .flag:
            if let word = field.flagWords[text] { return .flag(word) }
            switch text.lowercased() {
            case "1", "是", "true", "yes", "y": return .flag(true)
            case "0", "否", "false", "no", "n": return .flag(false)
            default: return fail("应为“是”或“否”", "must be yes or no")
            }
        case .choice(let choices):
            guard let choice = choices.first(where: { $0.matches(text) }) else {
                return fail("只能是：" + choices.map(\.zh).joined(separator: "、"), "must be one of: " + choices.map(\.en).joined(separator: ", "))
            }
            return .text(choice.value)
        case .industry:
            switch IndustryCatalogue.standard.resolve(text) {
            case .success(let code): return .text(code.digits)
            case .failure(let problem): v.add(.invalid(field.key, zh: problem.messageZh, en: problem.messageEn)); return nil
            }
        case .reference(let target):
            guard let id = resolve(text, target, field, input.source, references, kept: keptIDs, &v) else { return nil }
            if case .unitField(let owner) = ownership, owner == field.key, let path = references.target(target.table, id: id)?.path, !actor.owns(path) {
                return fail("只能选择本单位或下级单位", "must be your own unit or one below it")
            }
            return .integer(Int64(id))
        case .references, .choices, .secret, .timestamp:
            return nil
        }
    }

    /// A referenced record by id (forms, API) or by name/code (files, forms): it must exist, be active and be the only match;
    /// a form's text that is part of one active record's name names it, part of several asks to choose.
    private static func resolve(_ raw: String, _ target: RegisterTarget, _ field: RegisterField, _ source: RegisterInput.Source,
                                _ references: RegisterReferences, typed: Bool = false, kept: Set<Int> = [], _ v: inout FieldValidator) -> Int? {
        let text = raw.trimming(.whitespaces)
        var found: RegisterReferences.Target?
        if source == .form, !typed, let id = Int(text), let byID = references.target(target.table, id: id) {
            found = byID  // a picker posts the id; a typed name or code is looked up below
        } else if source != .json {
            let matches = references.targets(target.table, named: text)
            if matches.count > 1 {
                v.add(.invalid(field.key, zh: "有多个\(target.zh)名为“\(text)”，请改用编码", en: "Several \(target.en.lowercased())s are called \(text); use the code"))
                return nil
            }
            found = matches.first ?? (typed ? nil : Int(text).flatMap { references.target(target.table, id: $0) })
            // A form's text that names nothing exactly: the records whose name contains it (search-then-choose).
            if found == nil, let searched = references.matches(target.table, containing: text), !searched.candidates.isEmpty {
                if searched.candidates.count == 1, !searched.more, let only = searched.candidates.first {
                    found = RegisterReferences.Target(id: only.id, name: only.name, active: true, path: nil)
                } else {
                    let message = ReferenceSearch.chooseMessage(text, searched, table: target.search, nounZh: target.zh, nounEn: target.en, listing: true)
                    v.add(.invalid(field.key, zh: "\(field.zh)：\(message.zh)", en: "\(field.en): \(message.en)"))
                    return nil
                }
            }
        } else if let id = Int(text) {
            found = references.target(target.table, id: id)
        }
        guard let found else {
            v.add(.invalid(field.key, zh: "\(field.zh)：找不到\(target.zh)“\(text)”", en: "\(field.en): no \(target.en.lowercased()) \(text)"))
            return nil
        }
        if !found.active, !kept.contains(found.id) {
            v.add(.invalid(field.key, zh: "\(field.zh)：\(target.zh)“\(found.name)”已停用", en: "\(field.en): \(found.name) is deactivated"))
            return nil
        }
        return found.id
    }

    /// Unique fields: no other active record (any record, `uniqueAmongAll`) may hold the value, nor
    /// another item of the batch; with `uniqueWithin`, only among records of the same scope (siblings).
    private static func checkUnique(_ declaration: RegisterDeclaration, items: [(input: RegisterInput, existing: RegisterRecord?)], rows: [Int]?,
                                    outcomes: inout [Outcome], on db: Database) async throws {
        let sql = db as! any SQLDatabase
        for field in declaration.fields where field.unique {
            var seen: [String: Int] = [:]
            let isReference = field.kind.target != nil
            // The scope is a reference (a parent), compared by its id.
            let scope = field.uniqueWithin.flatMap(declaration.field)
            /// The value as compared: within its scope when the field is unique among siblings.
            func scoped(_ value: String, _ scopeID: Int64?) -> String { scope == nil ? value : "\(scopeID.map(String.init) ?? "-")|\(value)" }
            let keys = outcomes.compactMap { $0.values[field.key]?.uniqueKey }
            var taken: [String: (id: Int, name: String)] = [:]
            for chunk in Array(Set(keys)).chunked(500) {
                let values: [any Encodable & Sendable] = isReference ? chunk.compactMap { Int64($0) } : chunk
                let scopeColumn = scope.map { ", \($0.column) AS scope" } ?? ""
                let rows = try await sql.raw("SELECT id, \(unsafeRaw: declaration.name.column) AS name, \(unsafeRaw: field.column) AS value\(unsafeRaw: scopeColumn) FROM \(unsafeRaw: declaration.table) WHERE \(unsafeRaw: field.uniqueAmongAll ? "" : "active AND ")\(unsafeRaw: field.column) IN (\(binds: values))").all()
                for row in rows {
                    let value = isReference ? String(try row.decode(column: "value", as: Int64.self)) : try row.decode(column: "value", as: String.self)
                    let scopeID = scope == nil ? nil : try row.decode(column: "scope", as: Int64?.self)
                    taken[scoped(value, scopeID)] = (try row.decode(column: "id", as: Int.self), try row.decode(column: "name", as: String.self))
                }
            }
            for index in outcomes.indices {
                guard let value = outcomes[index].values[field.key]?.uniqueKey else { continue }
                // A scope that failed its own check (a parent not found) is no scope to compare in.
                if let scope, outcomes[index].errors.contains(where: { $0.field == scope.key }) { continue }
                let key = scoped(value, scope.flatMap { outcomes[index].values[$0.key]?.integer })
                if let other = taken[key], other.id != items[index].existing?.id {
                    let target = field.kind.target
                    outcomes[index].errors.append(
                        scope.map { scope in
                            FieldError(field: field.key, code: "duplicate", zh: "同一\(scope.zh)下已有名为“\(value)”的\(scope.kind.target?.zh ?? declaration.titleZh)",
                                       en: "Another record under the same \(scope.en.lowercased()) already has \(field.en.lowercased()) \(value)")
                        } ?? (isReference
                        ? FieldError(field: field.key, code: "duplicate", zh: "该\(target!.zh)已有\(declaration.titleZh)记录“\(other.name)”",
                                     en: "This \(target!.en.lowercased()) already has a record in \(declaration.titleEn): \(other.name)")
                        : FieldError(field: field.key, code: "duplicate", zh: "\(field.zh)“\(value)”已被“\(other.name)”使用",
                                     en: "\(field.en) \(value) is already used by \(other.name)")))
                } else if let first = seen[key] {
                    outcomes[index].errors.append(FieldError(field: field.key, code: "duplicate", zh: "\(field.zh)与第 \(rows?[first] ?? first + 1) 行重复", en: "\(field.en) repeats row \(rows?[first] ?? first + 1)"))
                } else {
                    seen[key] = index
                }
            }
        }
    }
}

extension RegisterChoice {
    /// A choice named by its code, its Chinese or English label (any case) or an alias.
    func matches(_ text: String) -> Bool {
        value == text || zh == text || en.lowercased() == text.lowercased() || aliases.contains(text)
    }
}

extension RegisterFieldKind {
    var isFlag: Bool { if case .flag = self { return true }; return false }
    var isChoice: Bool { if case .choice = self { return true }; return false }
}
