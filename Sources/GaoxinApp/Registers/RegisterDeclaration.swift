import Foundation
import Fluent
import GaoxinDomain

/// A register, declared once: its fields, its import key, who may read and write it and what the
/// `unit` role owns. Routes, pages, forms, API and OpenAPI, list, filters, import and export,
/// audit and backup all come from this value (see `Registers/`); a register with behaviour of its
/// own adds only that.
struct RegisterDeclaration: Sendable {
    /// URL segment and import key (`policies`).
    let key: String
    /// Table holding the records (`policies`): `id`, `active`, `created_at`, `updated_at`, a
    /// column per single-valued field and `name_sort` (pinyin key of the name field).
    let table: String
    /// Singular, for the audit log's entity and the API's schema (`policy`, `Policy`).
    let entity: String
    let schemaName: String
    let titleZh: String
    let titleEn: String
    let fields: [RegisterField]
    /// The field that names a record (shown as its title, searched, sorted in pinyin order).
    let nameField: String
    /// The field an import row is matched on (a known value updates that record).
    let importKey: String
    let policy: ResourcePolicy
    let ownership: RegisterOwnership
    /// Cross-field rules beyond each field's own (e.g. an end date not before the start date).
    var rules: [RegisterRule] = []
    /// The list's default sort key and direction.
    var defaultSort: String = "name"
    var defaultDescending = false
    /// A date a record runs out on — a certificate's expiry, a service item's deadline: its state
    /// is derived (`RegisterTimeLimit`), shown in the list, on the page and in the API, and filterable.
    var timeLimit: RegisterTimeLimit? = nil
    /// Demo rows as an import file would give them (references by name or code), loaded through
    /// the same checks as an import; a test loads every register's demo rows.
    var demoRows: [[String: String]] = []
    /// Computes the `derived` fields from the checked values, on every create, update and import row.
    var derive: (@Sendable (inout RegisterValues) -> Void)? = nil
    /// Checks that need the database beyond each field's own (a lead for a company another team
    /// already works): run over the whole batch after the field checks, adding failures to outcomes.
    var batchCheck: (@Sendable (_ items: [RegisterBatchItem], _ db: Database) async throws -> [[FieldError]])? = nil
    /// Who may write what, beyond the policy and ownership (`RegisterWriteRule`).
    var writeRule: RegisterWriteRule? = nil
    /// Whether the actor may deactivate or reactivate this record, beyond ownership (a reviewed
    /// statistic is the office's): nil allows, an error refuses at its field.
    var activationRule: (@Sendable (_ record: RegisterRecord, _ actor: Actor) -> FieldError?)? = nil
    /// Whether the record may be deactivated (`active` false) or reactivated now by this actor,
    /// read from the database (a unit with active sub-units or users; one's own account): nil
    /// allows, a message refuses (409).
    var activationConflict: (@Sendable (_ record: RegisterRecord, _ active: Bool, _ actor: Actor, _ db: Database) async throws -> String?)? = nil
    /// The records form a tree through a reference to their own register (units).
    var tree: RegisterTree? = nil
    /// The export carries each record's id (系统编号) last, and the register's import updates the
    /// record a row's 系统编号 names (a unit's: its name repeats across the tree, its code may be empty).
    var exportsID = false
    static let idHeadingZh = "系统编号"
    static let idHeadingEn = "ID"
    /// Counts of other records pointing at each record, shown in the list and on the page (a unit's users).
    var counts: [RegisterCount] = []
    /// A day the record stays current until, restamped on every write (`RegisterFreshness`).
    var freshness: RegisterFreshness? = nil
    /// Pages of the register's own its list page links to (a cluster list to the cluster structures).
    var listLinks: [RegisterLink] = []
    /// Headings an earlier export of this register had beside its import's columns (the cluster
    /// list's 产业链): shown-only, so an import skips them and those files still import.
    var exportOnlyHeadings: Set<String> = []
    /// Runs inside the transaction of every write of a record — create, update, (de)activation,
    /// an import's row — with the record before (nil when new) and after: what the register
    /// must keep in step elsewhere (a user whose roles change is signed out everywhere).
    var afterWrite: (@Sendable (_ before: RegisterRecord?, _ after: RegisterRecord, _ now: Date, _ tx: Database) async throws -> Void)? = nil
    /// Columns of the table outside the declaration that a new row fills (a user's count of
    /// failed sign-ins starts at 0), by column.
    var insertedWith: [String: Int] = [:]
    /// What the generated list definition needs beyond the fields for a register of a province's
    /// size (an enterprise list's roll-up total, its revenue sort's join, filters of its own).
    var listTuning: (@Sendable (inout ListDefinition) -> Void)? = nil
    /// Choice fields whose list order is read off an index over its ranking expression, one per
    /// direction (`RegisterTable.choiceOrderIndexes`): a register of hundreds of thousands of
    /// records, where sorting by its stage sorted the table (300,000 leads: 21–27 ms on SQLite,
    /// 50–89 ms on PostgreSQL).
    var indexedChoiceOrders: [String] = []
    /// Values the list shows beside the fields, computed for the page's records.
    var listFacts: RegisterListFacts? = nil
    /// How a reader speaks of the action that alone changes the `managed` fields (“项目页的推进阶段”).
    var managedByZh = "记录页上的专门操作"
    var managedByEn = "the record page's own action"

    func field(_ key: String) -> RegisterField? { fields.first { $0.key == key } }

    /// A choice field's choices by stored value (empty for any other field), to name codes read in SQL.
    func choices(_ key: String) -> [String: RegisterChoice] {
        guard case .choice(let choices)? = field(key)?.kind else { return [:] }
        return Dictionary(choices.map { ($0.value, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The fields a person types: every field but the derived ones (forms, API bodies, import and export columns).
    var inputFields: [RegisterField] { fields.filter { !$0.derived && !$0.maintainedElsewhere } }
    /// What an export and a record page show: every field but a secret.
    var shownFields: [RegisterField] { fields.filter { !$0.kind.isSecret } }

    var singleFields: [RegisterField] { fields.filter { !$0.kind.isMulti } }
    var multiFields: [RegisterField] { fields.filter { $0.kind.isMulti } }
    var name: RegisterField { field(nameField)! }

    func title(_ lang: UILanguage) -> String { lang.t(titleZh, titleEn) }

    /// The one address every link, route and the OpenAPI document are built from.
    var path: String { "/" + key }
    var apiPath: String { "/api/v1/" + key }
    func path(_ id: Int) -> String { "\(path)/\(id)" }
    /// The new-record form prefilled (a lead's project, an application's lead), keys in order.
    func newPath(prefill: [String: String]) -> String {
        var components = URLComponents()
        components.queryItems = prefill.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
        return path + "/new?" + (components.percentEncodedQuery ?? "")
    }
    func apiPath(_ id: Int) -> String { "\(apiPath)/\(id)" }
}

/// How many rows of another table point at a record (a unit's active users): loaded with the
/// records in one grouped query per count, shown as a list column and on the record page, and
/// in the export as a shown-only column.
struct RegisterCount: Sendable {
    let key: String
    let zh: String
    let en: String
    let table: String
    /// The other table's column holding the record's id.
    let column: String
    /// Only rows that are active.
    var activeOnly = true
}

/// A link from a register's list page to a page of its own.
struct RegisterLink: Sendable {
    let zh: String
    let en: String
    let path: String
}

/// What the `unit` role may write: records whose owning unit (a unit reference) lies in its
/// subtree, or nothing (the register is the office's).
enum RegisterOwnership: Sendable {
    case unitField(String)
    case officeOnly
    /// The owning unit of the record a reference points to (a lead's activities belong to the
    /// lead's team): `field` is the reference, `table` its target's table with an `owning_unit_id`.
    case referencedUnit(field: String, table: String)
}

/// One record of a batch as a `batchCheck` sees it: its checked values, for an update its id, and
/// its row in the file it comes from (its place in the batch, 1-based, where there is no file;
/// items that already failed are not passed, so a message naming another item uses this, not the
/// position in the array). A streamed file's slices are batches of their own: an item repeating
/// one of an earlier slice meets it in the database, written in the same transaction.
struct RegisterBatchItem: Sendable {
    let values: RegisterValues
    let existingID: Int?
    var number: Int = 1
}

/// A rule across fields, checked after every field's own rule passed.
struct RegisterRule: Sendable {
    let check: @Sendable (RegisterValues) -> FieldError?

    /// `end` may not be before `start` (dates or months compare as text).
    static func notBefore(_ end: String, _ start: String, zh: String, en: String) -> RegisterRule {
        RegisterRule { values in
            guard case .text(let from)? = values[start], case .text(let to)? = values[end], to < from else { return nil }
            return .invalid(end, zh: zh, en: en)
        }
    }

    /// `field` must be filled when the choice `choice` holds `value` (a subsidy's amount).
    static func requiredWhen(_ field: String, _ choice: String, equals value: String, zh: String, en: String) -> RegisterRule {
        RegisterRule { values in
            guard values[choice]?.text == value, values[field] == nil else { return nil }
            return FieldError(field: field, code: "required", zh: zh, en: en)
        }
    }

    /// `field` may be filled only while the choice `choice` holds `value` (a done day on a done item).
    static func filledOnlyWhen(_ field: String, _ choice: String, equals value: String, zh: String, en: String) -> RegisterRule {
        RegisterRule { values in
            guard values[choice]?.text != value, values[field] != nil else { return nil }
            return .invalid(field, zh: zh, en: en)
        }
    }

    /// Two fields given together or not at all (a longitude and its latitude); the second is named.
    static func bothOrNeither(_ first: String, _ second: String, zh: String, en: String) -> RegisterRule {
        RegisterRule { values in
            (values[first] == nil) == (values[second] == nil) ? nil : .invalid(values[first] == nil ? first : second, zh: zh, en: en)
        }
    }

    /// A number not below another (an area range's upper bound); compares stored whole numbers.
    static func notLess(_ upper: String, than lower: String, zh: String, en: String) -> RegisterRule {
        RegisterRule { values in
            guard let low = values[lower]?.integer, let high = values[upper]?.integer, high < low else { return nil }
            return .invalid(upper, zh: zh, en: en)
        }
    }

    /// A number above zero where zero means nothing (a space of 0 m²).
    static func positive(_ field: String, zh: String, en: String) -> RegisterRule {
        RegisterRule { values in
            guard let value = values[field]?.integer, value <= 0 else { return nil }
            return .invalid(field, zh: zh, en: en)
        }
    }
}

/// A register's own rule that depends on who writes and whether the record is new — a park's
/// yearly statistics, which its operator submits and only the office reviews. Runs after the
/// field checks and rules; it may set values (a statistic changed by its park goes back to
/// 待审核) and returns the failures.
typealias RegisterWriteRule = @Sendable (_ values: inout RegisterValues, _ existing: RegisterRecord?, _ actor: Actor) -> [FieldError]

/// Several batch checks as one (`RegisterDeclaration.batchCheck`): each runs over the whole batch
/// and an item's failures are all of theirs, in order.
enum RegisterBatchCheck {
    typealias Check = @Sendable (_ items: [RegisterBatchItem], _ db: Database) async throws -> [[FieldError]]

    static func all(_ checks: Check...) -> Check {
        { items, db in
            var failures = items.map { _ in [FieldError]() }
            for check in checks {
                for (index, found) in try await check(items, db).enumerated() { failures[index] += found }
            }
            return failures
        }
    }
}
