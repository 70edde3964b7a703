import Foundation

/// One plain-text e-mail in UTF-8 (RFC 5322 with MIME): the subject as an RFC 2047 encoded word,
/// the body in base64 — so Chinese survives any relay and no body line can begin with the "."
/// that ends SMTP's DATA. The Message-ID is the reminder's own key, so a receiving system sees a
/// repeated delivery as the same message.
struct MailMessage: Sendable, Equatable {
    var from: String
    var to: String
    var subject: String
    var body: String
    var messageID: String
    var date: Date

    /// A bare address: something@host, no spaces, no angle brackets, no line breaks.
    static func isAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !text.contains { $0.isWhitespace || "<>,;\"\\()[]".contains($0) }
    }

    var rendered: String {
        var lines = [
            "From: \(from)",
            "To: \(to)",
            "Subject: \(Self.encodedWord(subject))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: <\(messageID)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=UTF-8",
            "Content-Transfer-Encoding: base64",
            "",
        ]
        let encoded = Data(body.utf8).base64EncodedString()
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            lines.append(String(encoded[index..<end]))
            index = end
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `=?UTF-8?B?…?=`, split so no encoded word passes 75 characters (RFC 2047 §2) and no
    /// character is cut in two.
    static func encodedWord(_ text: String) -> String {
        guard text.contains(where: { !$0.isASCII }) else { return text }
        var words: [String] = [], chunk = ""
        for character in text {
            if (chunk.utf8.count + String(character).utf8.count) > 45 { words.append(chunk); chunk = "" }
            chunk.append(character)
        }
        if !chunk.isEmpty { words.append(chunk) }
        return words.map { "=?UTF-8?B?\(Data($0.utf8).base64EncodedString())?=" }.joined(separator: "\r\n ")
    }

    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
