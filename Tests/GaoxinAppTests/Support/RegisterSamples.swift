import Foundation
import GaoxinDomain
@testable import GaoxinApp
import Vapor

/// Valid values for any declared register, made from its field kinds, for the contract tests
/// and the role × route walk: what a person would type, in each input's own form.
enum RegisterSamples {
    /// Texts for every field a test can fill without other records (references to units use `unit`).
    static func texts(_ declaration: RegisterDeclaration, n: Int, unit: Int, source: RegisterInput.Source) -> [String: String] {
        var texts: [String: String] = [:]
        for field in declaration.fields {
            switch field.kind {
            case .text: texts[field.key] = "样例\(declaration.titleZh)\(n)号"
            case .code: texts[field.key] = "锡高〔2025〕\(n)号"
            case .note: texts[field.key] = "第 \(n) 条样例说明"
            case .money: texts[field.key] = source == .form ? "12.5" : "125000"
            case .area: texts[field.key] = "\(1000 + n)"
            case .integer(let min, _): texts[field.key] = "\(min + Int64(n))"
            case .date: texts[field.key] = "2025-0\(1 + n % 9)-1\(n % 10)"
            case .month: texts[field.key] = "2025-0\(1 + n % 9)"
            case .flag: texts[field.key] = "1"
            case .choice(let choices): texts[field.key] = choices[n % choices.count].value
            case .industry: texts[field.key] = "3973"
            case .reference(let target) where target.isUnit: texts[field.key] = "\(unit)"
            case .reference, .references: break
            }
        }
        // A later date field must not be before an earlier one (rules such as valid-until ≥ issued-on).
        let dates = declaration.fields.filter { if case .date = $0.kind { return true }; return false }.map(\.key)
        for (index, key) in dates.enumerated() { texts[key] = "2025-0\(1 + index)-1\(n % 10)" }
        return texts
    }

    /// The same values as stored.
    static func values(_ declaration: RegisterDeclaration, n: Int, unit: Int) -> RegisterValues {
        var values: RegisterValues = [:]
        for (key, text) in texts(declaration, n: n, unit: unit, source: .json) {
            guard let field = declaration.field(key) else { continue }
            switch field.kind {
            case .money, .area, .integer, .reference: values[key] = .integer(Int64(text)!)
            case .flag: values[key] = .flag(text == "1")
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
            case .flag: object[key] = text == "1"
            default: object[key] = text
            }
        }
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
