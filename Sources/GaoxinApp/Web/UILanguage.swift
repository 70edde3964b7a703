import Vapor

/// The interface language: Simplified Chinese first, English available (cookie `gx_lang`).
enum UILanguage: String, Sendable {
    case zh, en

    static let cookieName = "gx_lang"

    /// Picks the text for this language; every visible string is written as a pair at its use.
    func t(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    var htmlCode: String { self == .zh ? "zh-CN" : "en" }
}

extension Request {
    var uiLanguage: UILanguage {
        if let code = query[String.self, at: "lang"], let lang = UILanguage(rawValue: code) { return lang }
        if let code = cookies[UILanguage.cookieName]?.string, let lang = UILanguage(rawValue: code) { return lang }
        return .zh
    }
}
