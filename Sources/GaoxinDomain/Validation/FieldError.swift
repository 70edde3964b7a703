/// A rule failure as a value: the field it concerns, a stable code, and the message in both
/// languages. Rendered next to the field in HTML and as `{"error":{code,message,field}}` in JSON.
public struct FieldError: Error, Equatable, Sendable, Codable {
    public var field: String
    public var code: String
    public var messageZh: String
    public var messageEn: String

    public init(field: String, code: String, zh: String, en: String) {
        self.field = field
        self.code = code
        self.messageZh = zh
        self.messageEn = en
    }

    public static func required(_ field: String, label: String, labelEn: String) -> FieldError {
        FieldError(field: field, code: "required", zh: "请填写\(label)", en: "\(labelEn) is required")
    }

    /// A choice left open (a select, a radio group): "请选择…", not "请填写…".
    public static func choiceRequired(_ field: String, label: String, labelEn: String) -> FieldError {
        FieldError(field: field, code: "required", zh: "请选择\(label)", en: "Choose \(labelEn.lowercasedFirstLetter)")
    }

    public static func tooLong(_ field: String, label: String, labelEn: String, max: Int) -> FieldError {
        FieldError(field: field, code: "too_long", zh: "\(label)不能超过 \(max) 个字符", en: "\(labelEn) must be at most \(max) characters")
    }

    public static func invalid(_ field: String, zh: String, en: String) -> FieldError {
        FieldError(field: field, code: "invalid", zh: zh, en: en)
    }
}

/// All failures of one submission; nothing is written when this is thrown.
public struct ValidationFailed: Error, Equatable, Sendable {
    public var errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }

    /// Fields a form could not even parse, plus every other rule's failure from `rules` (which
    /// throws `ValidationFailed`), so the user sees all problems at once — a field's parse
    /// failure replaces that field's rule failures.
    public static func combining(_ parseErrors: [FieldError], rules: () async throws -> Void) async throws -> ValidationFailed {
        do {
            try await rules()
            return ValidationFailed(parseErrors)
        } catch let failed as ValidationFailed {
            let parsed = Set(parseErrors.map(\.field))
            return ValidationFailed(parseErrors + failed.errors.filter { !parsed.contains($0.field) })
        }
    }
}

extension String {
    /// "Lead unit" → "lead unit", for a label inside a sentence.
    var lowercasedFirstLetter: String { prefix(1).lowercased() + dropFirst() }
}
