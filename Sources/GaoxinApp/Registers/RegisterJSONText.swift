import Foundation
import Vapor

/// A register record's JSON, and a page of them, written directly: byte for byte what
/// `JSONEncoder` makes of a `RegisterDTO` (and of a page object holding them) with the API's and the
/// audit log's settings (sorted keys, slashes unescaped). The encoder boxes every member: it was 9–10 %
/// of an enterprise or lead import (audit snapshots) and 23 % of the CPU of an API list request
/// under load (perf, BENCHMARKS.md). `RegisterJSONTextTests` holds the two equal for every
/// declared register, with list facts and without.
enum RegisterJSONText {
    static func object(_ dto: RegisterDTO) -> String {
        var out = JSONBytes(capacity: 1_024)
        Layout.of(dto.declaration, facts: dto.hasListFacts).append(dto, to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// `{"items":[…],"page":…,"per":…,"total":…,"totalIsLowerBound":…}`: the keys in the
    /// encoder's sorted order. The items' members, their order and their keys' JSON are worked
    /// out once (a layout for items with list facts and one for items without), not once per item.
    static func page(_ items: [RegisterDTO], total: Int, page: Int, per: Int, totalIsLowerBound: Bool) -> [UInt8] {
        var out = JSONBytes(capacity: items.count * 400 + 100)
        out.raw("{\"items\":[")
        for (index, item) in items.enumerated() {
            if index > 0 { out.raw(",") }
            Layout.of(item.declaration, facts: item.hasListFacts).append(item, to: &out)
        }
        out.raw("],\"page\":"); out.integer(page)
        out.raw(",\"per\":"); out.integer(per)
        out.raw(",\"total\":"); out.integer(total)
        out.raw(",\"totalIsLowerBound\":"); out.flag(totalIsLowerBound)
        out.raw("}")
        return out.bytes
    }

    /// A record's members in the encoder's key order (keys sorted by their UTF-8 bytes), each
    /// with its key already written as JSON (`"key":`, and the comma before all but the first).
    struct Layout: Sendable {
        /// Each member's `"key":`, with the comma before all but the first, and where its value
        /// comes from: two arrays read by index, so writing a record copies neither.
        private let prefixes: [[UInt8]]
        private let sources: [RegisterDTO.Source]

        init(_ declaration: RegisterDeclaration, shown: [RegisterField], facts: Bool) {
            let sorted = RegisterDTO.sources(declaration, shown: shown, facts: facts)
                .enumerated()
                .sorted { $0.element.key.utf8.lexicographicallyPrecedes($1.element.key.utf8) || ($0.element.key == $1.element.key && $0.offset < $1.offset) }
            prefixes = sorted.enumerated().map { index, member in
                var prefix = JSONBytes()
                if index > 0 { prefix.raw(",") }
                prefix.string(member.element.key)
                prefix.raw(":")
                return prefix.bytes
            }
            sources = sorted.map(\.element.source)
        }

        /// A declared register's layout is worked out once (an import writes an audit snapshot of
        /// every record: building the layout each time was 3 % of a lead import); any other
        /// declaration's (a test's probe register) afresh.
        static func of(_ declaration: RegisterDeclaration, facts: Bool) -> Layout {
            (facts ? declaredWithFacts : declared)[declaration.key] ?? Layout(declaration, shown: declaration.shownFields, facts: facts)
        }

        private static let declared = Registers.byKey { Layout($0, shown: $0.shownFields, facts: false) }
        private static let declaredWithFacts = Registers.byKey { Layout($0, shown: $0.shownFields, facts: true) }

        func append(_ dto: RegisterDTO, to out: inout JSONBytes) {
            out.raw("{")
            for index in sources.indices {
                out.raw(prefixes[index])
                RegisterJSONText.append(dto.member(sources[index]), to: &out)
            }
            out.raw("}")
        }
    }

    private static func append(_ value: RegisterDTO.Member, to out: inout JSONBytes) {
        switch value {
        case .null: out.raw("null")
        case .flag(let flag): out.flag(flag)
        case .integer(let number): out.integer(number)
        case .decimal(let number): out.raw(number.description)
        case .text(let text): out.string(text)
        case .texts(let texts): out.strings(texts)
        case .ids(let ids):
            out.raw("[")
            for (index, id) in ids.enumerated() {
                if index > 0 { out.raw(",") }
                out.integer(id)
            }
            out.raw("]")
        }
    }
}

extension Response {
    /// A register record as JSON, written by `RegisterJSONText` (the same bytes the generic
    /// `json(_:)` would give; this overload is the one a `RegisterDTO` picks).
    static func json(_ dto: RegisterDTO, status: HTTPResponseStatus = .ok) -> Response {
        json(text: RegisterJSONText.object(dto), status: status)
    }
}
