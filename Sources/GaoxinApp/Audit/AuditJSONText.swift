import Foundation

/// The audit log's JSON of a register record, written directly: byte for byte what `AuditLog.json`
/// makes of a `RegisterDTO` through `JSONEncoder` (sorted keys, slashes unescaped), which an import
/// paid for each record it audited — 9–10 % of an enterprise or lead import's time, most of it the
/// encoder's boxing of every member (perf, BENCHMARKS.md). `AuditJSONTextTests` holds the two equal
/// for every declared register.
enum AuditJSONText {
    static func object(_ dto: RegisterDTO) -> String {
        // Sorted by their UTF-8 bytes, as the encoder sorts keys.
        let members = dto.members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        var out = "{"
        for (index, member) in members.enumerated() {
            if index > 0 { out += "," }
            JSONText.appendString(member.key, to: &out)
            out += ":"
            append(member.value, to: &out)
        }
        return out + "}"
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
