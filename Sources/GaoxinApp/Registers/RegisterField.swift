import Foundation
import GaoxinDomain

/// One field of a register, declared once: everything else about it — the column it is stored
/// in, its JSON key and OpenAPI schema, how a form, a JSON body and an import row are read and
/// checked, its list column, filter and sort, its form control, its template heading — comes
/// from this value.
struct RegisterField: Sendable {
    /// camelCase key: the JSON field, the form field and the import column key.
    let key: String
    let zh: String
    let en: String
    let kind: RegisterFieldKind
    var required = false
    /// No two active records may hold the same value (checked on every write and import).
    var unique = false
    /// With `unique`: no two records at all, deactivated ones included (a cluster's name, which
    /// imports and other registers name it by, whatever its state).
    var uniqueAmongAll = false
    /// With `unique`: unique only among the records holding the same value of this reference
    /// (a unit's name among its siblings, `parentId`; no value is a scope of its own).
    var uniqueWithin: String? = nil
    /// `q` searches it (Chinese substring).
    var searchable = false
    /// `q` finds it by its beginning, on its own index rather than the postings (a credit code:
    /// also by its organisation code, characters 9–17).
    var searchedByPrefix = false
    var sortable = false
    /// The list offers a filter for it (choices, flags, references, date ranges).
    var filterable = false
    /// Shown as a column of the list (every field is on the record's page and in the export).
    var listed = false
    var helpZh: String? = nil
    var helpEn: String? = nil
    /// Set when a record is created (a form, the API, an import) and afterwards only by the
    /// register's own action (a project's stage and the days it reached each stage): an update
    /// that would change it is refused at the field, and the edit form shows it read-only.
    var managed = false
    /// Computed from the other fields on every write (`RegisterDeclaration.derive`), never typed:
    /// it has no form control, no input schema and no import or export column, but is stored,
    /// shown, filtered and sorted like any other field (a project's next planned milestone).
    var derived = false
    /// A value that passes the field's rules where a generic one would not (a formula): the
    /// sample records the contract tests make use it.
    var example: String? = nil
    /// What a new record stores when the field is left empty — omitted from an API body, a blank
    /// cell or form control — for a column that is never empty (a cluster's figures source, its
    /// sort order); an existing record left empty there keeps its value (a blank cell in an import
    /// must not turn a top-down cluster bottom-up).
    var whenEmpty: RegisterValue? = nil
    /// The only characters a text or code may hold, where restricted (a unit code's).
    var characters: RegisterCharacters? = nil
    /// Headings an import file may also give the column (an older template's), e.g. 类别 for 集群类别.
    var headingAliases: [String] = []
    /// Stored and compared in lower case (a username: sign-in ignores case).
    var lowercased = false
    /// Written outside the register (a user's last sign-in, by signing in): loaded and shown like
    /// any field, never typed, and never written by the register's own writes except the
    /// `whenEmpty` value a new record starts with.
    var maintainedElsewhere = false
    /// Words a file may write a flag with besides 是/否 (规上/规下 for above scale), to the value they mean.
    var flagWords: [String: Bool] = [:]
    /// The column when it is not the key's snake_case (a password is kept as `password_hash`).
    var storedIn: String? = nil
    /// A check of the typed text beyond its kind and characters (an e-mail address's shape, a
    /// password's strength), run with the field's own: nil passes, else the failure at the field.
    var format: (@Sendable (_ text: String) -> FieldError?)? = nil

    func label(_ lang: UILanguage) -> String { lang.t(zh, en) }

    /// The form field in which a several-valued reference too big for boxes is typed as names.
    var namesKey: String { key + "Names" }

    /// The database column: snake_case of the key (`issueDate` → `issue_date`, `clusterIds` has none).
    var column: String { storedIn ?? RegisterField.snakeCase(key) }

    /// Heading in templates, exports and import files: the label with its unit, as people write it.
    var headingZh: String {
        switch kind {
        case .money: return zh + "（万元）"
        case .area: return zh + "（平方米）"
        default: return zh
        }
    }

    var headingEn: String {
        switch kind {
        case .money: return en + " (10k yuan)"
        case .area: return en + " (m²)"
        default: return en
        }
    }

    /// 负责单位, the unit that owns a programme record: the `unit` role writes the records its
    /// subtree owns through it (`RegisterOwnership.unitField("owningUnitId")`).
    static func responsibleUnit(filterable: Bool = false, listed: Bool = false) -> RegisterField {
        RegisterField(key: "owningUnitId", zh: "负责单位", en: "Responsible unit", kind: .reference(.unit), required: true, filterable: filterable, listed: listed)
    }

    /// 编号, the number a register's record is known by in files (`code`): required, unique,
    /// searched and listed; an import row with a known number updates that record.
    static func recordNumber(_ zh: String, _ en: String, example: String) -> RegisterField {
        RegisterField(key: "code", zh: zh, en: en, kind: .code(max: 50), required: true, unique: true, searchable: true, listed: true,
                      helpZh: "如 \(example)；导入按编号更新", helpEn: "e.g. \(example); an import updates by this number")
    }

    /// 备注: a free note of several lines.
    static func note(max: Int = 2000) -> RegisterField {
        RegisterField(key: "note", zh: "备注", en: "Note", kind: .note(max: max))
    }

    /// Keys are ASCII camelCase. Done on bytes: decoding a list page asks it for every field of
    /// every row, and walking `Character`s was 7% of a project list page.
    static func snakeCase(_ key: String) -> String {
        guard key.utf8.contains(where: { (65...90).contains($0) }) else { return key }
        var out: [UInt8] = []
        out.reserveCapacity(key.utf8.count + 4)
        for byte in key.utf8 {
            if (65...90).contains(byte) {
                out.append(95)  // _
                out.append(byte + 32)
            } else {
                out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// What a field holds. Money is integer 万元 everywhere below the display layer; a form shows and
/// takes it in 亿元.
enum RegisterFieldKind: Sendable {
    /// One line of text, at most `max` characters.
    case text(max: Int)
    /// Several lines (a summary, a note).
    case note(max: Int)
    /// An identifier such as a document or certificate number: one line, searched and shown as
    /// typed (document numbers hold Chinese, e.g. 锡高管发〔2024〕12号, so no character set is imposed).
    case code(max: Int)
    /// A unified social credit code (统一社会信用代码, GB 32100): spaces and hyphens taken off,
    /// upper-cased, its check character verified; stored in the compact form.
    case creditCode
    case money
    /// Square metres, whole.
    case area
    case integer(min: Int64, max: Int64)
    /// A number with at most `places` decimals between `min` and `max` (whole units), stored as a
    /// whole number of its smallest step (`ScaledDecimal`: 3.25 with two places is 325).
    case decimal(places: Int, min: Int64, max: Int64)
    /// A calendar day, `YYYY-MM-DD`.
    case date
    /// A month, `YYYY-MM`.
    case month
    case flag
    case choice([RegisterChoice])
    /// GB/T 4754-2017 industry code, shown with its name.
    case industry
    case reference(RegisterTarget)
    /// Several references, stored in `register_links`.
    case references(RegisterTarget)
    /// Several of the choices, held in the record's own column as `,a,b,` in the declared order
    /// (a user's roles): a filter finds a choice with `LIKE '%,a,%'`.
    case choices([RegisterChoice])
    /// A password: typed when the record is created, checked, stored only as its bcrypt hash,
    /// and never read back, shown, exported or audited (`RegisterSecret`).
    case secret(RegisterSecret)
    /// A moment (a last sign-in), shown to the minute; only `maintainedElsewhere` fields hold one.
    case timestamp

    /// Stored in `register_links`, not in a column of the record's table.
    var isMulti: Bool { if case .references = self { return true }; return false }
    /// Given as several texts: ticked boxes, a JSON array, a cell of names separated by 、.
    var isList: Bool {
        switch self {
        case .references, .choices: return true
        default: return false
        }
    }
    var isSecret: Bool { if case .secret = self { return true }; return false }

    /// The largest area a field takes, in m² (a million km²).
    static let areaMaximum: Int64 = 1_000_000_000_000
}

/// A restricted character set: the characters, how a message names them, and the OpenAPI pattern.
struct RegisterCharacters: Sendable {
    let allowed: CharacterSet
    let zh: String
    let en: String
    let pattern: String

    /// Lower-case ASCII letters, digits and . _ - (a username; typed capitals are lowered first).
    static let username = RegisterCharacters(
        allowed: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-"),
        zh: "小写字母、数字、. _ -", en: "lower-case letters, digits, . _ -", pattern: "^[A-Za-z0-9._-]*$")

    /// ASCII letters, digits and - _ . (codes that files and URLs carry unchanged).
    static let codeSafe = RegisterCharacters(
        allowed: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
        zh: "字母、数字、- _ .", en: "letters, digits, - _ .", pattern: "^[A-Za-z0-9._-]*$")
}

/// What a secret field says where it cannot be changed: it is set when the record is created,
/// and changed afterwards only by its own action (a password reset), never by an edit or an import.
struct RegisterSecret: Sendable {
    /// Where it is changed instead, said after “只在新建时设置；”.
    let elsewhereZh: String
    let elsewhereEn: String
}

/// Several choices in one column: `,a,b,` in the declared order (`RoleSet`'s encoding).
enum RegisterChoiceSet {
    static func encode(_ values: [String], _ choices: [RegisterChoice]) -> String {
        let held = Set(values)
        let ordered = choices.map(\.value).filter(held.contains)
        return ordered.isEmpty ? "" : "," + ordered.joined(separator: ",") + ","
    }

    static func decode(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }

    static func labels(_ text: String, _ choices: [RegisterChoice], _ lang: UILanguage) -> String {
        decode(text).map { code in choices.first { $0.value == code }.map { lang.t($0.zh, $0.en) } ?? code }.joined(separator: "、")
    }
}

/// One value of a choice field, with its labels.
struct RegisterChoice: Sendable {
    let value: String
    let zh: String
    let en: String
    /// Other words a file or a body may name it by (the short 战略性新兴产业 for 战略性新兴产业（壮大）).
    var aliases: [String] = []
}

/// A register another field refers to: its table, how a person names a record of it (in a
/// file or a picker), and whether the reference must be to an active record.
struct RegisterTarget: Sendable {
    let table: String
    let zh: String
    let en: String
    /// Expression of the record's display name (`name`).
    let nameColumn: String
    /// Other columns a file may name it by (a unit's code, an enterprise's credit code).
    let alternateColumns: [String]
    /// A unit reference: the list filter takes the subtree, and ownership can follow it.
    let isUnit: Bool
    /// Where a record of it is shown (`/enterprises`): a record page links each reference there, so
    /// a lead, its project and the project's enterprise lead to one another.
    var path: String? = nil

    static let unit = RegisterTarget(table: "units", zh: "单位", en: "Unit", nameColumn: "name", alternateColumns: ["code"], isUnit: true, path: "/units")
    static let enterprise = RegisterTarget(table: "enterprises", zh: "企业", en: "Enterprise", nameColumn: "name", alternateColumns: ["credit_code"], isUnit: false, path: "/enterprises")
    static let cluster = RegisterTarget(table: "clusters", zh: "产业集群", en: "Cluster", nameColumn: "name", alternateColumns: [], isUnit: false, path: "/clusters")
    static let policy = RegisterTarget(table: "policies", zh: "政策", en: "Policy", nameColumn: "name", alternateColumns: ["document_number"], isUnit: false, path: "/policies")

    /// A declared register as a target, named by its name field or `alternateColumns`.
    static func register(_ table: String, zh: String, en: String, nameColumn: String, alternateColumns: [String] = [], path: String) -> RegisterTarget {
        RegisterTarget(table: table, zh: zh, en: en, nameColumn: nameColumn, alternateColumns: alternateColumns, isUnit: false, path: path)
    }
}
