import Foundation

/// Collects every failure of a submission so the user sees them all at once.
public struct FieldValidator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func add(_ error: FieldError) { errors.append(error) }

    /// Trims the text and checks it is present and not too long; returns the trimmed value.
    @discardableResult
    public mutating func requiredText(_ field: String, _ value: String?, label: String, labelEn: String, max: Int = 200) -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            add(.required(field, label: label, labelEn: labelEn))
        } else if trimmed.count > max {
            add(.tooLong(field, label: label, labelEn: labelEn, max: max))
        }
        return trimmed
    }

    /// Trims optional text; empty becomes nil.
    public mutating func optionalText(_ field: String, _ value: String?, label: String, labelEn: String, max: Int = 2000) -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return nil }
        if trimmed.count > max { add(.tooLong(field, label: label, labelEn: labelEn, max: max)) }
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
