/// A 考核 item's formula as data (issue 14): arithmetic over named metrics — `签约总投资 ÷
/// 目标签约总投资 × 50 − 2 × 滞后项目数`, with `min(…, …)` / `max(…, …)` for caps and floors.
/// Parsed once when the item is saved (an unknown metric or a syntax error is refused with the
/// place), evaluated per unit. Full-width brackets and commas and × ÷ − are read as typed in
/// Chinese text. A division by zero counts as 0 (a unit without a target scores nothing there).
public indirect enum AssessmentFormula: Equatable, Sendable {
    case number(Double)
    case metric(String)
    case negate(AssessmentFormula)
    case binary(Character, AssessmentFormula, AssessmentFormula)
    case call(String, [AssessmentFormula])

    public struct ParseError: Error, Equatable, Sendable {
        public let messageZh: String
        public let messageEn: String
    }

    public static let functions: Set<String> = ["min", "max"]

    /// Parses `text`; every identifier must be one of `metrics`.
    public static func parse(_ text: String, metrics: Set<String>) throws -> AssessmentFormula {
        var parser = Parser(text: normalised(text), metrics: metrics)
        parser.skipSpaces()
        guard !parser.atEnd else { throw ParseError(messageZh: "公式不能为空", messageEn: "The formula is empty") }
        let formula = try parser.expression()
        parser.skipSpaces()
        guard parser.atEnd else { throw parser.error("多余的“\(parser.current!)”", "unexpected “\(parser.current!)”") }
        return formula
    }

    static func normalised(_ text: String) -> [Character] {
        let map: [Character: Character] = ["（": "(", "）": ")", "，": ",", "×": "*", "÷": "/", "−": "-", "＋": "+", "－": "-", "＊": "*", "／": "/", "　": " "]
        return text.map { map[$0] ?? $0 }
    }

    /// The metrics the formula reads.
    public var metrics: Set<String> {
        switch self {
        case .number: return []
        case .metric(let name): return [name]
        case .negate(let inner): return inner.metrics
        case .binary(_, let left, let right): return left.metrics.union(right.metrics)
        case .call(_, let arguments): return arguments.reduce(into: Set<String>()) { $0.formUnion($1.metrics) }
        }
    }

    public func evaluate(_ values: [String: Double]) -> Double {
        switch self {
        case .number(let value): return value
        case .metric(let name): return values[name] ?? 0
        case .negate(let inner): return -inner.evaluate(values)
        case .binary(let op, let left, let right):
            let l = left.evaluate(values), r = right.evaluate(values)
            switch op {
            case "+": return l + r
            case "-": return l - r
            case "*": return l * r
            default: return r == 0 ? 0 : l / r
            }
        case .call(let name, let arguments):
            let values = arguments.map { $0.evaluate(values) }
            return name == "min" ? values.min() ?? 0 : values.max() ?? 0
        }
    }

    struct Parser {
        let text: [Character]
        let metrics: Set<String>
        var position = 0

        init(text: [Character], metrics: Set<String>) {
            self.text = text
            self.metrics = metrics
        }

        var atEnd: Bool { position >= text.count }
        var current: Character? { atEnd ? nil : text[position] }

        func error(_ zh: String, _ en: String) -> ParseError {
            ParseError(messageZh: "公式第 \(position + 1) 个字符处：\(zh)", messageEn: "At character \(position + 1) of the formula: \(en)")
        }

        mutating func skipSpaces() { while let c = current, c == " " || c == "\t" { position += 1 } }

        mutating func accept(_ c: Character) -> Bool {
            skipSpaces()
            guard current == c else { return false }
            position += 1
            return true
        }

        mutating func expression() throws -> AssessmentFormula {
            var left = try term()
            while true {
                if accept("+") { left = .binary("+", left, try term()) } else if accept("-") { left = .binary("-", left, try term()) } else { return left }
            }
        }

        mutating func term() throws -> AssessmentFormula {
            var left = try factor()
            while true {
                if accept("*") { left = .binary("*", left, try factor()) } else if accept("/") { left = .binary("/", left, try factor()) } else { return left }
            }
        }

        mutating func factor() throws -> AssessmentFormula {
            skipSpaces()
            guard let c = current else { throw error("公式不完整", "the formula ends too soon") }
            if accept("-") { return .negate(try factor()) }
            if accept("(") {
                let inner = try expression()
                guard accept(")") else { throw error("缺少右括号", "a closing bracket is missing") }
                return inner
            }
            if c.isNumber && c.isASCII || c == "." { return try number() }
            if c.isLetter || c == "_" { return try name() }
            throw error("不能识别“\(c)”", "“\(c)” is not understood")
        }

        mutating func number() throws -> AssessmentFormula {
            let start = position
            while let c = current, (c.isASCII && c.isNumber) || c == "." { position += 1 }
            let literal = String(text[start..<position])
            guard let value = Double(literal) else { position = start; throw error("“\(literal)”不是数字", "“\(literal)” is not a number") }
            return .number(value)
        }

        mutating func name() throws -> AssessmentFormula {
            let start = position
            while let c = current, c.isLetter || c.isNumber || c == "_" { position += 1 }
            let identifier = String(text[start..<position])
            if AssessmentFormula.functions.contains(identifier.lowercased()) {
                guard accept("(") else { throw error("\(identifier) 后应有括号", "\(identifier) needs brackets") }
                var arguments = [try expression()]
                while accept(",") { arguments.append(try expression()) }
                guard accept(")") else { throw error("缺少右括号", "a closing bracket is missing") }
                return .call(identifier.lowercased(), arguments)
            }
            guard metrics.contains(identifier) else {
                position = start
                throw error("未知指标“\(identifier)”", "unknown metric “\(identifier)”")
            }
            return .metric(identifier)
        }
    }
}
