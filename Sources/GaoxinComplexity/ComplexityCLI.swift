import CLinearAlgebra
import Dispatch
import Glibc

/// `gaoxin complexity --input FILE --output FILE [--proximity FILE] …`: the whole command,
/// callable from the app's executable and from tests. Returns the exit code: 0 done, 1 the
/// data or a file was refused (stderr names the file and row, in Chinese and English), 2 the
/// command line was wrong. Notes (why some cells are empty, what `--coerce` repaired) go to
/// stderr unless `--quiet`. Outputs appear only when complete.
public enum ComplexityCLI {
    public static func run(arguments: [String]) -> Int32 {
        run(arguments: arguments) { fputs($0, stderr) }
    }

    /// The same, with the messages meant for stderr handed to `errorOutput` (for tests).
    static func run(arguments: [String], errorOutput printError: (String) -> Void) -> Int32 {
        let parsed: ComplexityCLIArguments
        do {
            parsed = try ComplexityCLIArguments.parse(arguments)
        } catch let error as ComplexityCLIArguments.UsageError {
            printError("错误：\(error.messageZh)\nerror: \(error.messageEn)\n\n\(ComplexityCLIArguments.usage)\n")
            return 2
        } catch {
            printError("error: \(error)\n")
            return 2
        }
        if parsed.help {
            print(ComplexityCLIArguments.usage)
            return 0
        }
        do {
            try execute(parsed, printError: printError)
            return 0
        } catch let failure as Failure {
            printError("错误：\(failure.zh)\nerror: \(failure.en)\n")
            return 1
        } catch {
            printError("error: \(error)\n")
            return 1
        }
    }

    /// An error with the file it came from.
    private struct Failure: Error {
        let zh: String
        let en: String

        init(_ error: Error, file: String?) {
            let prefixZh = file.map { "文件 \($0)：" } ?? ""
            let prefixEn = file.map { "\($0): " } ?? ""
            if let error = error as? ComplexityInputError {
                zh = prefixZh + error.messageZh
                en = prefixEn + error.messageEn
            } else {
                zh = prefixZh + "\(error)"
                en = prefixEn + "\(error)"
            }
        }
    }

    private static func attributed<T>(to file: String?, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw Failure(error, file: file)
        }
    }

    private static func execute(_ arguments: ComplexityCLIArguments, printError: (String) -> Void) throws {
        func printNote(_ note: ComplexityNote) { printError("提示：\(note.messageZh)\nnote: \(note.messageEn)\n") }
        var options = ComplexityOptions(
            presenceTest: arguments.presenceTest, rcaThreshold: arguments.rcaThreshold,
            rpopThreshold: arguments.rpopThreshold, continuous: arguments.continuous,
            asymmetric: arguments.asymmetric)
        if let path = arguments.population {
            options.population = try attributed(to: path) { try PopulationTable.read(csvPath: path) }
        }
        if let path = arguments.proximityInput {
            let given = try attributed(to: path) { try ProximityTable.read(csvPath: path) }
            if !arguments.quiet, let note = given.fillNote { printNote(note) }
            options.proximityOverride = given
        }
        try attributed(to: nil) { try options.validate() }
        var clock = PhaseClock()
        let input = arguments.input!
        let table = try attributed(to: input) { try ComplexityTable.read(csvPath: input, policy: arguments.policy) }
        if !arguments.quiet { table.notes.forEach(printNote) }
        clock.lap("read \(input)")

        let output = try attributed(to: arguments.output) { try OutputFile(path: arguments.output!) }
        let proximity = try arguments.proximityOutput.map { path in try attributed(to: path) { try OutputFile(path: path) } }
        let includeRPOP = options.presenceTest == .rpop || options.presenceTest == .both
        try attributed(to: output.path) { try output.write(ComplexityCSVWriter.gridHeader(includeRPOP: includeRPOP)) }
        if let proximity = proximity {
            try attributed(to: proximity.path) { try proximity.write(ComplexityCSVWriter.proximityHeader) }
        }
        // Year k's rows are formatted and written in the background while year k+1 is computed,
        // so from the second year on BLAS gets one thread: two BLAS threads would wait on each
        // other whenever the writer's threads hold a core. (A process-wide OpenBLAS setting:
        // this command runs in its own process.)
        let writing = DispatchQueue(label: "gaoxin.complexity.output")
        let outcome = WriteOutcome()
        var previous: DispatchGroup?
        // On an error, let the writer finish before the partial files are dropped.
        defer { previous?.wait() }
        for year in table.years {
            let result: ComplexityYearResult
            do {
                result = try EconomicComplexity.computeYear(year, options: options)
            } catch let error as ComplexityInputError {
                // A location the population file lacks is that file's fault, not the input's.
                if case .populationMissing = error { throw Failure(error, file: arguments.population) }
                throw Failure(error, file: input)
            }
            if !arguments.quiet { result.notes.forEach(printNote) }
            clock.lap("compute \(year.year)")
            LinearAlgebra.setThreads(1)
            previous?.wait()
            if let failure = outcome.failure { throw failure }
            let group = DispatchGroup()
            writing.async(group: group) {
                do {
                    try attributed(to: output.path) { try ComplexityCSVWriter.writeGrid(result, includeRPOP: includeRPOP, to: output) }
                    if let proximity = proximity {
                        try attributed(to: proximity.path) { try ComplexityCSVWriter.writeProximity(result, to: proximity) }
                    }
                } catch {
                    outcome.failure = error
                }
            }
            previous = group
        }
        previous?.wait()
        if let failure = outcome.failure { throw failure }
        clock.lap("write the last year")
        try attributed(to: output.path) { try output.commit() }
        if let proximity = proximity {
            try attributed(to: proximity.path) { try proximity.commit() }
        }
    }

}

/// The background writer's error; read only after waiting for the writer.
private final class WriteOutcome: @unchecked Sendable {
    var failure: Error?
}
