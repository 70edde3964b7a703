import Foundation

extension IndustryCatalogue {
    /// Why a typed industry could not be taken: a bad or unlisted code, or a name that matches no
    /// industry or several (the candidates named, so the person can type one of their codes).
    public enum ResolveProblem: Error, Equatable, Sendable {
        case code(Problem)
        case noName(String)
        case ambiguous(String, [Entry])

        public var messageZh: String {
            switch self {
            case .code(let problem): return problem.messageZh
            case .noName(let text): return "找不到名称含“\(text)”的行业（GB/T 4754-2017），请填写行业代码或名称"
            case .ambiguous(let text, let candidates):
                return "“\(text)”对应多个行业，请填写其中一个的代码：" + candidates.map(\.display).joined(separator: "、")
            }
        }

        public var messageEn: String {
            switch self {
            case .code(let problem): return problem.messageEn
            case .noName(let text): return "No industry in GB/T 4754-2017 is named like \"\(text)\"; type a code or a name"
            case .ambiguous(let text, let candidates):
                return "\"\(text)\" matches several industries; type the code of one: " + candidates.map { "\($0.code.digits) \($0.nameEn ?? $0.nameZh)" }.joined(separator: ", ")
            }
        }
    }

    /// How many candidates an ambiguous name lists.
    public static let candidatesShown = 8

    /// An industry as an official types it: a code (“3973”, “C3973”), a code with its name as the
    /// lists and exports show it (“3973 集成电路制造”), or a name (“集成电路制造”), or part of one
    /// that only one industry has. Every result is a code the standard lists.
    public func resolve(_ raw: String) -> Result<IndustryCode, ResolveProblem> {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let leading = text.prefix { !$0.isWhitespace }
        if leading.first.map({ $0.isASCII && ($0.isNumber || $0.isLetter) }) ?? false, leading.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) {
            // Shaped like a code (possibly followed by its name): the code decides.
            switch validate(String(leading)) {
            case .success(let code):
                let rest = text.dropFirst(leading.count).trimmingCharacters(in: .whitespaces)
                guard rest.isEmpty || rest == entry(code)?.nameZh || rest == entry(code)?.nameEn else { break }
                return .success(code)
            case .failure(let problem):
                if leading.count == text.count { return .failure(.code(problem)) }
            }
        }
        let exact = entries.filter { $0.nameZh == text || $0.nameEn?.lowercased() == text.lowercased() }
        // A group whose single class has the same name (652 / 6520 集成电路设计) is one industry: the finer code is kept.
        if let finest = exact.max(by: { $0.level < $1.level }), exact.allSatisfy({ finest.code.digits.hasPrefix($0.code.digits) }) {
            return .success(finest.code)
        }
        let found = search(text, limit: Self.candidatesShown + 1)
        if found.isEmpty { return .failure(.noName(text)) }
        if found.count == 1 { return .success(found[0].code) }
        return .failure(.ambiguous(text, Array(found.prefix(Self.candidatesShown))))
    }
}
