import Foundation
@testable import GaoxinApp
import XCTest

/// The audit log and the API write a register record's JSON directly (`RegisterJSONText`); it must
/// be byte for byte what the encoder makes of the same `RegisterDTO` (sorted keys, slashes
/// unescaped), so old and new audit rows compare field by field and API clients see no change.
/// Checked for every declared register, with every kind of value its fields hold, empty and
/// filled, texts that need escaping, and a list page's items with their list facts.
final class RegisterJSONTextTests: XCTestCase {
    static func encoded(_ dto: RegisterDTO) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(dto), as: UTF8.self)
    }

    static let texts = ["无锡高新区 / 新吴区", "引号\"与反斜杠\\", "换行\n回车\r制表\t退格\u{08}换页\u{0C}其他\u{01}\u{1F}", "emoji 🚀 与 ｜全角｜", "", "a/b</script>"]

    /// A record of `declaration` with every shown field filled (`variant` picks among the texts,
    /// numbers and choices), its reference names beside, and a tree path where it has one.
    static func record(_ declaration: RegisterDeclaration, variant: Int) -> RegisterRecord {
        var values: RegisterValues = [:]
        var names: [String: [String]] = [:]
        for (index, field) in declaration.shownFields.enumerated() {
            let text = texts[(variant + index) % texts.count]
            switch field.kind {
            case .text, .note, .code, .secret: values[field.key] = .text(text)
            case .creditCode: values[field.key] = .text("91320214MA1MB5QX6Y")
            case .money, .area: values[field.key] = .integer(Int64(variant * 1_000_003 + index))
            case .integer(let min, let max): values[field.key] = .integer(variant % 2 == 0 ? min : max)
            case .decimal: values[field.key] = .integer(Int64(variant * 12_345 + 7))
            case .date: values[field.key] = .text("2026-12-0\(variant % 9 + 1)")
            case .month: values[field.key] = .text("2026-0\(variant % 9 + 1)")
            case .timestamp: values[field.key] = .text("2026-12-07T08:00:00Z")
            case .flag: values[field.key] = .flag(variant % 2 == 0)
            case .choice(let choices): values[field.key] = .text(choices[variant % choices.count].value)
            case .choices(let choices): values[field.key] = .text(RegisterChoiceSet.encode(Array(choices.prefix(variant % 3 + 1).map(\.value)), choices))
            case .industry: values[field.key] = .text(["3976", "C39", "I65", "9999"][variant % 4])
            case .reference:
                values[field.key] = .integer(Int64(variant + 1))
                names[field.key] = [text]
            case .references:
                values[field.key] = .ids([variant + 1, variant + 7])
                names[field.key] = [text, "第二个/名称"]
            }
        }
        var record = RegisterRecord(id: 1_000 + variant, active: variant % 2 == 1, values: values, referenceNames: names)
        if declaration.tree != nil { record.treePath = "/1/\(variant + 5)/" }
        return record
    }

    func testTheWrittenJSONIsTheEncodersForEveryDeclaredRegister() throws {
        var compared = 0
        for declaration in Registers.declared {
            for variant in 0..<6 {
                let filled = RegisterDTO(declaration: declaration, record: Self.record(declaration, variant: variant))
                XCTAssertEqual(RegisterJSONText.object(filled), try Self.encoded(filled), "\(declaration.key) variant \(variant)")
                compared += 1
            }
            // Nothing filled: nulls and empty lists.
            let empty = RegisterDTO(declaration: declaration, record: RegisterRecord(id: 1, active: true, values: [:]))
            XCTAssertEqual(RegisterJSONText.object(empty), try Self.encoded(empty), "\(declaration.key) empty")
            // What the audit log keeps goes through the writer.
            XCTAssertEqual(AuditLog.json(empty), try Self.encoded(empty))
        }
        XCTAssertGreaterThan(compared, 200, "every declared register was compared")
    }

    /// A list page as the API answers it: items with their list facts (a number, a text, none),
    /// the total, the page and whether the total is a lower bound — the written page against the
    /// encoder's output for the same page object (`Page`).
    /// The API list's answer as an `Encodable` object: what `RegisterJSONText.page` must equal.
    struct Page: Encodable {
        var items: [RegisterDTO]
        var total: Int
        var page: Int
        var per: Int
        var totalIsLowerBound: Bool
    }

    func testTheWrittenPageIsTheEncodersWithListFacts() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var withFacts = 0
        for declaration in Registers.declared {
            let items = (0..<4).map { variant -> RegisterDTO in
                var record = Self.record(declaration, variant: variant)
                if let listFacts = declaration.listFacts {
                    var facts: [String: RegisterValue] = [:]
                    for (index, fact) in listFacts.facts.enumerated() where (index + variant) % 3 != 0 {
                        facts[fact.key] = fact.kind == .money ? .integer(Int64(variant * 98_765 + index)) : .text(Self.texts[(variant + index) % Self.texts.count])
                    }
                    record.facts = facts
                    withFacts += 1
                }
                return RegisterDTO(declaration: declaration, record: record)
            }
            for (total, bounded) in [(0, false), (12_345, true)] {
                let page = Page(items: total == 0 ? [] : items, total: total, page: 3, per: 20, totalIsLowerBound: bounded)
                XCTAssertEqual(String(decoding: RegisterJSONText.page(page.items, total: total, page: 3, per: 20, totalIsLowerBound: bounded), as: UTF8.self),
                               String(decoding: try encoder.encode(page), as: UTF8.self), "\(declaration.key) total \(total)")
            }
        }
        XCTAssertGreaterThan(withFacts, 0, "a register with list facts was compared")
    }
}
