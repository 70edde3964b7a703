import Foundation

/// A checked field value, as stored. Absent from `RegisterValues` means empty (NULL).
enum RegisterValue: Equatable, Sendable {
    case text(String)
    case integer(Int64)
    case flag(Bool)
    case ids([Int])

    var text: String? { if case .text(let value) = self { return value }; return nil }
    var integer: Int64? { if case .integer(let value) = self { return value }; return nil }
    var ids: [Int] { if case .ids(let value) = self { return value }; return [] }
    /// What a unique field or an import key compares: the text, or a reference's id as text.
    var uniqueKey: String? {
        switch self {
        case .text(let value): return value
        case .integer(let value): return String(value)
        default: return nil
        }
    }
}

typealias RegisterValues = [String: RegisterValue]

/// A stored record: its values plus what the list and page show beside them (the names of the
/// records its references point to).
struct RegisterRecord: Sendable, Equatable {
    var id: Int
    var active: Bool
    var values: RegisterValues
    /// Field key → display names of the referenced records, in the order of the ids.
    var referenceNames: [String: [String]] = [:]
    /// Field key → the unique codes of referenced units (nil where a unit has none): an export
    /// names a unit by its code, since unit names repeat across the tree (经济发展局 under two boards).
    var referenceCodes: [String: [String?]] = [:]
    /// Validity derived from the expiry field against the request's day (nil: no expiry declared or dated).
    var expiry: RegisterExpiry? = nil
    /// A tree register's materialised path (`/1/5/12/`), nil for other registers.
    var treePath: String? = nil
    /// `RegisterCount` key → how many rows point at the record (shown, not stored or audited).
    var counts: [String: Int] = [:]
    /// `RegisterListFacts` key → the value a list shows beside the fields (an enterprise's revenue
    /// over twelve months); nil where the record was not loaded for a list.
    var facts: [String: RegisterValue]? = nil

    func text(_ key: String) -> String? { values[key]?.text }

    /// The record as the audit log keeps it: stored values only (validity is derived from the day, not changed by anyone).
    var forAudit: RegisterRecord {
        var record = self
        record.expiry = nil
        record.counts = [:]
        record.facts = nil
        return record
    }
}
