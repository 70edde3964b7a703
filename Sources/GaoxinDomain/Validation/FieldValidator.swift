import Foundation

/// Collects every failure of a submission so the user sees them all at once.
public struct FieldValidator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ error: FieldError) { errors.append(error) }

    /// Trims the text and checks it is present and not too long; returns the trimmed value.
    @discardableResult
    /// Trims required text: a name (one line) unless `multiline`. Control characters are refused:
    /// they cannot be typed, only pasted or sent by a broken client, and they break exports.
    public mutating func requiredText(_ field: String, _ value: String?, label: String, labelEn: String, max: Int = 200,
                                      multiline: Bool = false) -> String {
        let trimmed = (value ?? "").trimming(.whitespacesAndNewlines)
        if trimmed.isEmpty {
            add(.required(field, label: label, labelEn: labelEn))
        } else if trimmed.count > max {
            add(.tooLong(field, label: label, labelEn: labelEn, max: max))
        } else if Self.hasControlCharacters(trimmed, allowingLineBreaks: multiline) {
            add(Self.controlCharacters(field, label: label, labelEn: labelEn, multiline: multiline))
        }
        return trimmed
    }

    /// Control characters (Unicode Cc), other than tab and line breaks where those are allowed,
    /// and the bidirectional overrides and isolates (U+202A–202E, U+2066–2069), which can make a
    /// name display as something else.
    public static func hasControlCharacters(_ text: String, allowingLineBreaks: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            if (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value) { return true }
            guard scalar.properties.generalCategory == .control else { return false }
            return !(allowingLineBreaks && (scalar == "\n" || scalar == "\r" || scalar == "\t"))
        }
    }

    static func controlCharacters(_ field: String, label: String, labelEn: String, multiline: Bool) -> FieldError {
        multiline
            ? .invalid(field, zh: "\(label)含有不可见的控制字符，请删除后重试", en: "\(labelEn) contains control characters")
            : .invalid(field, zh: "\(label)应为一行文字，不能含换行或不可见的控制字符", en: "\(labelEn) must be one line without control characters")
    }

    /// Trims optional text; empty becomes nil.
    public mutating func optionalText(_ field: String, _ value: String?, label: String, labelEn: String, max: Int = 2000) -> String? {
        let trimmed = (value ?? "").trimming(.whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        if trimmed.count > max {
            add(.tooLong(field, label: label, labelEn: labelEn, max: max))
        } else if Self.hasControlCharacters(trimmed, allowingLineBreaks: true) {
            add(Self.controlCharacters(field, label: label, labelEn: labelEn, multiline: true))
        }
        return trimmed
    }

    public mutating func check(_ condition: Bool, _ error: @autoclosure () -> FieldError) {
        if !condition { add(error()) }
    }

    public var isValid: Bool { errors.isEmpty }

    public func throwIfInvalid() throws {
        if !errors.isEmpty { throw ValidationFailed(errors) }
    }
}
