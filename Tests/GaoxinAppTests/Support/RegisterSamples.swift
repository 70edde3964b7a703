import Fluent
import SQLKit
import Foundation
import GaoxinDomain
@testable import GaoxinApp
import Vapor
import XCTest

/// Valid values for any declared register, made from its field kinds, for the contract tests
/// and the role × route walk: what a person would type, in each input's own form.
enum RegisterSamples {
    /// Texts for every field a test can fill without other records (references to units use `unit`).
    /// One active record for each register a required reference of the declaration points to
    /// (an award's enterprise), keyed by table, for `texts`/`values` to refer to.
    /// The sample numbers `texts(n:)` is called with get distinct targets for a unique reference up to this.
    static let sampleNumbers = 12

    static func targets(_ declaration: RegisterDeclaration, app: Application, unit: Int) async throws -> [String: Int] {
        var targets: [String: Int] = [:]
        for field in declaration.fields where field.required {
            guard case .reference(let target) = field.kind, !target.isUnit, targets[target.table] == nil else { continue }
            switch target.table {
            case RegisterTarget.enterprise.table:
                targets[target.table] = try await sampleEnterprise(9_001, "样例参照企业", app: app, unit: unit)
                // A register holding one record per enterprise (a liaison) needs one enterprise per sample.
                if declaration.fields.contains(where: { $0.unique && $0.kind.target?.table == target.table }) {
                    for n in 1...sampleNumbers {
                        targets[target.table + "#\(n)"] = try await sampleEnterprise(9_100 + n, "样例参照企业\(n)号", app: app, unit: unit)
                    }
                }
            case RegisterTarget.chainNode.table:
                targets[target.table] = try await chainNode(app, unit: unit)
            default:
                let referred = try XCTUnwrap(Registers.declared.first { $0.table == target.table }, "no sample for a required reference to \(target.table)")
                // The referred record's own required references first (an activity's lead needs its source).
                let nested = try await Self.targets(referred, app: app, unit: unit)
                targets.merge(nested) { mine, _ in mine }
                let sample = values(referred, n: 9_001, unit: unit, targets: nested)
                // Made once per app: a second register referring to it finds the first's.
                let sql = app.db as! any SQLDatabase
                let existing = try await sql.raw("SELECT id FROM \(unsafeRaw: referred.table) WHERE \(unsafeRaw: referred.name.column) = \(bind: sample[referred.nameField]?.text ?? "")")
                    .first(decodingColumn: "id", as: Int.self)
                if let existing {
                    targets[target.table] = existing
                } else {
                    targets[target.table] = try await RegisterStore.insert(referred, sample, now: Date(), on: app.db)
                }
            }
        }
        return targets
    }

    /// The enterprise of sample credit code `number`, made once.
    static func sampleEnterprise(_ number: Int, _ name: String, app: Application, unit: Int) async throws -> Int {
        if let existing = try await Enterprise.query(on: app.db).filter(\.$creditCode == USCC.numbered(number)).first() { return existing.id! }
        let enterprise = Enterprise()
        enterprise.creditCode = USCC.numbered(number)
        enterprise.name = name
        enterprise.industryCode = "3973"
        enterprise.unitID = unit
        enterprise.aboveScale = true
        enterprise.active = true
        try await enterprise.create(on: app.db)
        return enterprise.id!
    }

    /// A node of a sample chain of a sample cluster led by `unit` (made once).
    static func chainNode(_ app: Application, unit: Int) async throws -> Int {
        if let existing = try await ChainNode.query(on: app.db).filter(\.$name == "样例参照环节").first() { return existing.id! }
        let cluster = Cluster()
        cluster.name = "样例参照集群"
        cluster.category = ClusterCategory.emerging.rawValue
        cluster.leadUnitID = unit
        cluster.sortOrder = 0
        cluster.active = true
        try await cluster.create(on: app.db)
        let chain = Chain()
        chain.clusterID = cluster.id!
        chain.name = "样例参照产业链"
        chain.minEnterprises = 1
        chain.minRevenue = 0
        chain.requireBackbone = false
        chain.active = true
        try await chain.create(on: app.db)
        let node = ChainNode()
        node.chainID = chain.id!
        node.segment = ChainSegment.upstream.rawValue
        node.name = "样例参照环节"
        node.industryCodes = "3973"
        node.sortOrder = 0
        try await node.create(on: app.db)
        return node.id!
    }

    static func texts(_ declaration: RegisterDeclaration, n: Int, unit: Int, targets: [String: Int] = [:], source: RegisterInput.Source) -> [String: String] {
        var texts: [String: String] = [:]
        for field in declaration.inputFields {
            switch field.kind {
            case .text: texts[field.key] = "样例\(declaration.titleZh)\(n)号"
            case .code: texts[field.key] = "锡高〔2025〕\(n)号"
            case .note: texts[field.key] = "第 \(n) 条样例说明"
            case .creditCode:
                let first17 = "91320214MA" + String(format: "%07d", 1_000_000 + n).suffix(7)
                texts[field.key] = first17 + String(CreditCode.checkCharacter(for: first17)!)
            case .money: texts[field.key] = source == .form ? "12.5" : "125000"
            case .area: texts[field.key] = "\(1000 + n)"
            case .integer(let min, _): texts[field.key] = "\(min + Int64(n))"
            case .decimal: texts[field.key] = "\(n).5"
            case .date: texts[field.key] = "2025-0\(1 + n % 9)-1\(n % 10)"
            case .month: texts[field.key] = "2025-0\(1 + n % 9)"
            case .flag: texts[field.key] = "1"
            case .choice(let choices): texts[field.key] = choices[n % choices.count].value
            case .industry: texts[field.key] = "3973"
            case .reference(let target) where target.isUnit: texts[field.key] = "\(unit)"
            case .reference(let target): if let id = targets[target.table + "#\(n)"] ?? targets[target.table] { texts[field.key] = "\(id)" }
            case .choices(let choices): texts[field.key] = choices[n % choices.count].value
            case .references, .secret, .timestamp: break
            }
        }
        // A code restricted to letters, digits and - _ . (a unit's): one it takes (lower-cased where the field lowers it).
        for field in declaration.inputFields where field.characters != nil { texts[field.key] = field.lowercased ? "yl-\(n)" : "YL-\(n)" }
        // A declared example (a template's), where one value serves every sample: not a unique field's nor a
        // reference's code; a flag's 是 and a choice's label as stored (1/0, the choice's code).
        for field in declaration.inputFields where !field.unique && !field.kind.isList {
            guard let example = field.example else { continue }
            switch field.kind {
            case .reference: continue
            case .flag: texts[field.key] = ["是", "1", "true", "yes"].contains(example.lowercased()) ? "1" : "0"
            // A choice's example may be its label (骨干): the sample holds its stored code.
            case .choice(let choices): texts[field.key] = choices.first { $0.value == example || $0.zh == example }?.value ?? example
            default: texts[field.key] = example
            }
        }
        // A later date field must not be before an earlier one (rules such as valid-until ≥ issued-on).
        let dates = declaration.inputFields.filter { if case .date = $0.kind { return true }; return false }.map(\.key)
        for (index, key) in dates.enumerated() { texts[key] = "2025-0\(1 + index)-1\(n % 10)" }
        // A choice the declaration's rules tie other fields to (a done item has its done date): the
        // first choice from the n-th on under which every rule holds.
        for field in declaration.fields {
            guard case .choice(let choices) = field.kind, !declaration.rules.isEmpty else { continue }
            for offset in 0..<choices.count {
                texts[field.key] = choices[(n + offset) % choices.count].value
                let values = stored(declaration, texts)
                if declaration.rules.allSatisfy({ $0.check(values) == nil }) { break }
            }
        }
        return texts
    }

    /// The same values as stored.
    static func values(_ declaration: RegisterDeclaration, n: Int, unit: Int, targets: [String: Int] = [:]) -> RegisterValues {
        var values = stored(declaration, texts(declaration, n: n, unit: unit, targets: targets, source: .json))
        declaration.derive?(&values)  // as every write path stores them
        return values
    }

    private static func stored(_ declaration: RegisterDeclaration, _ texts: [String: String]) -> RegisterValues {
        var values: RegisterValues = [:]
        for (key, text) in texts {
            guard let field = declaration.field(key) else { continue }
            switch field.kind {
            case .money, .area, .integer, .reference: values[key] = Int64(text).map(RegisterValue.integer) ?? .integer(0)  // a form's 亿元 text only passes through the rule check
            case .decimal(let places, _, _): values[key] = .integer((try? ScaledDecimal.parse(text, places: places).get())?.scaled ?? 0)
            case .flag: values[key] = .flag(text == "1")
            case .choices: values[key] = .text(",\(text),")
            default: values[key] = .text(text)
            }
        }
        return values
    }

    /// A JSON body of the texts (numbers and booleans as JSON numbers and booleans).
    static func json(_ declaration: RegisterDeclaration, _ texts: [String: String]) -> String {
        var object: [String: Any] = [:]
        for (key, text) in texts {
            guard let field = declaration.field(key) else { continue }
            switch field.kind {
            case .money, .area, .integer, .reference: object[key] = Int64(text)!
            case .decimal: object[key] = Double(text)!
            case .flag: object[key] = text == "1"
            case .choices: object[key] = [text]
            default: object[key] = text
            }
        }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}

extension RegisterSamples {
    /// Who writes a register's samples: the office, or an administrator where only they may (users).
    static func writer(_ declaration: RegisterDeclaration) -> Role {
        declaration.policy.write.contains(.office) ? .office : .admin
    }
}
