import Foundation
import Vapor

/// A register record's JSON, and a page of them, written directly: byte for byte what
/// `JSONEncoder` makes of a `RegisterDTO` (and of `RegisterAPI.Page`) with the API's and the audit
/// log's settings (sorted keys, slashes unescaped). The encoder boxes every member: it was 9–10 %
/// of an enterprise or lead import (audit snapshots) and 23 % of the CPU of an API list request
/// under load (perf, BENCHMARKS.md). `RegisterJSONTextTests` holds the two equal for every
/// declared register, with list facts and without.
enum RegisterJSONText {
    static func object(_ dto: RegisterDTO) -> String {
        var out = ""
        append(dto, to: &out)
        return out
    }

    /// `{"items":[…],"page":…,"per":…,"total":…,"totalIsLowerBound":…}`: the keys in the
    /// encoder's sorted order.
    static func page(_ items: [RegisterDTO], total: Int, page: Int, per: Int, totalIsLowerBound: Bool) -> String {
        var out = "{\"items\":["
        out.reserveCapacity(items.count * 600 + 100)
        for (index, item) in items.enumerated() {
            if index > 0 { out += "," }
            append(item, to: &out)
        }
        out += "],\"page\":\(page),\"per\":\(per),\"total\":\(total),\"totalIsLowerBound\":\(totalIsLowerBound)}"
        return out
    }

    private static func append(_ dto: RegisterDTO, to out: inout String) {
        // Sorted by their UTF-8 bytes, as the encoder sorts keys.
        let members = dto.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        out += "{"
        for (index, member) in members.enumerated() {
            if index > 0 { out += "," }
            JSONText.appendString(member.key, to: &out)
            out += ":"
            append(member.value, to: &out)
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

    /// JSON text already written (`RegisterJSONText`), with the headers `json(_:)` gives.
    static func json(text: String, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(string: text))
        response.headers.contentType = .json
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
