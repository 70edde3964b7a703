import Glibc
/// The options of `gaoxin complexity`, parsed without a dependency: the app's executable hands
/// over the words after the command name.
struct ComplexityCLIArguments: Equatable {
    var input: String?
    var output: String?
    var proximityOutput: String?
    var population: String?
    var proximityInput: String?
    var presenceTest = PresenceTest.rca
    var rcaThreshold = 1.0
    var rpopThreshold = 1.0
    var continuous = false
    var asymmetric = false
    var policy = InputPolicy.strict
    var quiet = false
    var help = false

    /// A problem with the command line itself (exit code 2).
    struct UsageError: Error, Equatable {
        let messageZh: String
        let messageEn: String
    }

    static let usage = """
    用法 / usage: gaoxin complexity --input FILE --output FILE [options]

      --input FILE              CSV year,loc,prod,val（需表头 / header required）
      --output FILE             CSV year,loc,prod,rca,mcp,diversity,ubiquity,eci,pci,density,coi,cog
                                (+ rpop for --presence-test rpop|both)
      --proximity FILE          also write CSV year,prod_1,prod_2,proximity
      --threshold X             RCA threshold for M (default 1)
      --presence-test T         rca (default) | rpop | both | manual
      --population FILE         CSV year,loc,pop, for rpop and both
      --rpop-threshold X        RPOP threshold for M (default 1)
      --continuous              continuous proximity (correlation of RCA) and RCA-weighted density
      --asymmetric              asymmetric proximity P(q | p)
      --proximity-input FILE    use this CSV prod_1,prod_2,proximity instead of computing it
      --coerce                  like the reference: non-numeric values become 0 and repeated rows
                                keep the first (default: refuse them, naming the row)
      --quiet                   do not print notes
      --help                    this text

    Definitions and results as the Growth Lab's ecomplexity 0.5.3 (Python).
    """

    static func parse(_ words: [String]) throws -> ComplexityCLIArguments {
        var parsed = ComplexityCLIArguments()
        var rest = words[...]
        if rest.first == "complexity" { rest.removeFirst() }
        while let word = rest.popFirst() {
            let (name, inlineValue) = split(word)
            func value() throws -> String {
                if let inlineValue = inlineValue { return inlineValue }
                guard let next = rest.popFirst(), !next.hasPrefix("--") else {
                    throw UsageError(messageZh: "参数 \(name) 缺少取值。", messageEn: "Option \(name) needs a value.")
                }
                return next
            }
            switch name {
            case "--input": parsed.input = try value()
            case "--output": parsed.output = try value()
            case "--proximity": parsed.proximityOutput = try value()
            case "--population": parsed.population = try value()
            case "--proximity-input": parsed.proximityInput = try value()
            case "--threshold", "--rca-threshold": parsed.rcaThreshold = try number(name, value())
            case "--rpop-threshold": parsed.rpopThreshold = try number(name, value())
            case "--presence-test":
                let text = try value()
                guard let test = PresenceTest(rawValue: text) else {
                    throw UsageError(messageZh: "--presence-test 只能是 rca、rpop、both 或 manual，而不是“\(text)”。",
                                     messageEn: "--presence-test must be rca, rpop, both or manual, not \"\(text)\".")
                }
                parsed.presenceTest = test
            case "--continuous": parsed.continuous = true
            case "--asymmetric": parsed.asymmetric = true
            case "--coerce": parsed.policy = .coerce
            case "--quiet": parsed.quiet = true
            case "--help", "-h": parsed.help = true
            default:
                throw UsageError(messageZh: "未知参数“\(word)”。", messageEn: "Unknown option \"\(word)\".")
            }
        }
        if !parsed.help {
            guard parsed.input != nil else { throw UsageError(messageZh: "缺少 --input。", messageEn: "--input is required.") }
            guard parsed.output != nil else { throw UsageError(messageZh: "缺少 --output。", messageEn: "--output is required.") }
            // An output over a file this run reads would replace it once the run completes.
            let read = [parsed.input, parsed.population, parsed.proximityInput].compactMap { $0 }
            for (option, path) in [("--output", parsed.output), ("--proximity", parsed.proximityOutput)] {
                guard let path, read.contains(where: { sameFile($0, path) }) else { continue }
                throw UsageError(messageZh: "\(option) 不能与输入文件相同（\(path)），否则会覆盖输入。",
                                 messageEn: "\(option) must not be an input file (\(path)); it would be overwritten.")
            }
        }
        return parsed
    }

    /// Whether two paths name the same existing file (symbolic links and "./" resolved).
    private static func sameFile(_ a: String, _ b: String) -> Bool {
        guard let ra = realpath(a, nil) else { return false }
        defer { free(ra) }
        guard let rb = realpath(b, nil) else { return false }
        defer { free(rb) }
        return strcmp(ra, rb) == 0
    }

    /// `--name=value` or `--name`.
    private static func split(_ word: String) -> (String, String?) {
        guard word.hasPrefix("--"), let equals = word.firstIndex(of: "=") else { return (word, nil) }
        return (String(word[..<equals]), String(word[word.index(after: equals)...]))
    }

    private static func number(_ name: String, _ text: String) throws -> Double {
        guard let value = Double(text), value.isFinite else {
            throw UsageError(messageZh: "参数 \(name) 需要一个数值，而不是“\(text)”。",
                             messageEn: "Option \(name) needs a number, not \"\(text)\".")
        }
        return value
    }
}
