import Foundation

/// Password rules of issue 3: at least 10 characters, not the username, not a common password.
public struct PasswordPolicy: Sendable {
    public var minimumLength: Int

    public init(minimumLength: Int = 10) {
        self.minimumLength = minimumLength
    }

    public enum Violation: Equatable, Sendable {
        case tooShort(minimum: Int)
        case sameAsUsername
        case tooCommon

        public var code: String {
            switch self {
            case .tooShort: return "password_too_short"
            case .sameAsUsername: return "password_is_username"
            case .tooCommon: return "password_too_common"
            }
        }

        public var messageZh: String {
            switch self {
            case .tooShort(let minimum): return "密码至少需要 \(minimum) 个字符"
            case .sameAsUsername: return "密码不能与用户名相同或包含用户名"
            case .tooCommon: return "密码过于常见，请换一个更难猜的密码"
            }
        }

        public var messageEn: String {
            switch self {
            case .tooShort(let minimum): return "The password needs at least \(minimum) characters"
            case .sameAsUsername: return "The password must not be or contain the username"
            case .tooCommon: return "This password is too common; choose one that is harder to guess"
            }
        }
    }

    /// The first rule the password breaks, or nil when it is acceptable.
    public func violation(password: String, username: String) -> Violation? {
        if password.count < minimumLength { return .tooShort(minimum: minimumLength) }
        let lowered = password.lowercased()
        let user = username.lowercased().trimmingCharacters(in: .whitespaces)
        if !user.isEmpty, lowered == user || lowered.contains(user) { return .sameAsUsername }
        if Self.common.contains(lowered) || Self.isTrivialSequence(lowered) { return .tooCommon }
        return nil
    }

    /// One repeated character or a run of consecutive characters (up or down) is as weak as a listed password.
    static func isTrivialSequence(_ text: String) -> Bool {
        let scalars = text.unicodeScalars.map(\.value)
        guard let first = scalars.first else { return true }
        if scalars.allSatisfy({ $0 == first }) { return true }
        let ascending = zip(scalars, scalars.dropFirst()).allSatisfy { $1 == $0 + 1 }
        let descending = zip(scalars, scalars.dropFirst()).allSatisfy { $0 == $1 + 1 }
        return ascending || descending
    }

    /// A short list of the passwords most often seen in leaks, including those common in China.
    static let common: Set<String> = [
        "1234567890", "12345678910", "0123456789", "1qaz2wsx3edc", "qwertyuiop", "qwerty123456",
        "password123", "password1234", "passw0rd123", "admin12345", "admin123456", "administrator",
        "iloveyou123", "abc1234567", "abcd123456", "a123456789", "aa123456789", "qq123456789",
        "woaini1314", "woaini520520", "5201314520", "1314520520", "11111111111", "00000000000",
        "88888888888", "66666666666", "147258369", "1472583690", "9876543210", "zxcvbnm123",
        "asdfghjkl123", "1q2w3e4r5t", "1q2w3e4r5t6y", "qazwsxedcrfv", "gaoxin12345", "gaoxinqu123",
        "welcome123", "changeme123", "letmein1234", "123456abcd", "123456qwer", "abc123456789",
    ]
}
