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
        var out = ""
        var order = KeyOrder()
        append(dto.members, order: &order, to: &out)
        return out
    }

    /// `{"items":[…],"page":…,"per":…,"total":…,"totalIsLowerBound":…}`: the keys in the
    /// encoder's sorted order. The items' shown fields and key order are worked out once for the
    /// page, not once per item.
    static func page(_ items: [RegisterDTO], total: Int, page: Int, per: Int, totalIsLowerBound: Bool) -> String {
        var out = "{\"items\":["
        out.reserveCapacity(items.count * 1_000 + 100)
        let shown = items.first?.declaration.shownFields ?? []
        var order = KeyOrder()
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            append(item.members(shown: shown), order: &order, to: &out)
        }
        out += "],\"page\":\(page),\"per\":\(per),\"total\":\(total),\"totalIsLowerBound\":\(totalIsLowerBound)}"
        return out
    }

    /// The members' positions sorted by their keys' UTF-8 bytes (as the encoder sorts keys),
    /// kept for the next record whose keys are the same in the same order — every record of a
    /// page, as a rule; any other is sorted afresh.
    struct KeyOrder {
        private var keys: [String] = []
        private var sorted: [Int] = []

        mutating func positions(of members: [(key: String, value: RegisterDTO.Member)]) -> [Int] {
            if members.count == keys.count, zip(members, keys).allSatisfy({ $0.key == $1 }) { return sorted }
            keys = members.map(\.key)
            sorted = members.indices.sorted { members[$0].key.utf8.lexicographicallyPrecedes(members[$1].key.utf8) }
            return sorted
        }
    }

    private static func append(_ members: [(key: String, value: RegisterDTO.Member)], order: inout KeyOrder, to out: inout String) {
        out += "{"
        for (index, position) in order.positions(of: members).enumerated() {
            if index > 0 { out += "," }
            JSONText.appendString(members[position].key, to: &out)
            out += ":"
            append(members[position].value, to: &out)
        }
        out += "}"
    }

    private static func append(_ value: RegisterDTO.Member, to out: inout String) {
        switch value {
        case .null: out += "null"
        case .flag(let flag): out += flag ? "true" : "false"
        case .integer(let number): out += String(number)
        case .decimal(let number): out += number.description
        case .text(let text): JSONText.appendString(text, to: &out)
        case .texts(let texts): out += JSONText.array(texts)
        case .ids(let ids): out += "[" + ids.map(String.init).joined(separator: ",") + "]"
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
