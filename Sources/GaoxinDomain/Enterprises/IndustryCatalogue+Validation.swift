import Foundation

extension IndustryCatalogue {
    /// Why an industry code was refused: malformed (`IndustryCode.Problem`), or well formed but not
    /// in the standard — “3999” has a real division, yet no such group or class exists.
    public enum Problem: Error, Equatable, Sendable {
        case code(IndustryCode.Problem)
        case unknown(String)

        public var messageZh: String {
            switch self {
            case .code(let problem): return problem.messageZh
            case .unknown(let text): return "行业代码“\(text)”不在 GB/T 4754-2017 中"
            }
        }

        public var messageEn: String {
            switch self {
            case .code(let problem): return problem.messageEn
            case .unknown(let text): return "Industry code \(text) is not in GB/T 4754-2017"
            }
        }
    }

    /// `IndustryCode.parse` plus the check that the standard lists the code: the one call a form
    /// field or an import column needs.
    public func validate(_ raw: String) -> Result<IndustryCode, Problem> {
        switch IndustryCode.parse(raw) {
        case .failure(let problem): return .failure(.code(problem))
        case .success(let code): return isKnown(code) ? .success(code) : .failure(.unknown(raw.trimmingCharacters(in: .whitespacesAndNewlines)))
        }
    }
}
