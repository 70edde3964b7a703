/// Before → after of one audit entry, field by field: both snapshots flattened (a nested object's
/// fields become `parent.child`), in the order given (a kind's declared fields), then any other
/// key alphabetically. A field absent from one side reads as null there.
struct AuditDiff: Equatable, Sendable {
    struct Row: Equatable, Sendable {
        let key: String
        let before: AuditJSON
        let after: AuditJSON
        var changed: Bool { before != after }
    }

    let rows: [Row]

    var changed: [Row] { rows.filter(\.changed) }
    var unchanged: [Row] { rows.filter { !$0.changed } }

    init(before: [String: AuditJSON]?, after: [String: AuditJSON]?, order: [String] = []) {
        let old = Self.flatten(before ?? [:]), new = Self.flatten(after ?? [:])
        let keys = Set(old.keys).union(new.keys)
        let declared = order.filter(keys.contains)
        let others = keys.subtracting(declared).sorted()
        rows = (declared + others).map { Row(key: $0, before: old[$0] ?? .null, after: new[$0] ?? .null) }
    }

    init(before: String?, after: String?, order: [String] = []) {
        self.init(before: AuditJSON.object(before), after: AuditJSON.object(after), order: order)
    }

    static func flatten(_ object: [String: AuditJSON], prefix: String = "") -> [String: AuditJSON] {
        var flat: [String: AuditJSON] = [:]
        for (key, value) in object {
            if case .object(let nested) = value, !nested.isEmpty {
                flat.merge(flatten(nested, prefix: prefix + key + "."), uniquingKeysWith: { _, last in last })
            } else {
                flat[prefix + key] = value
            }
        }
        return flat
    }
}
