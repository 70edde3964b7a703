import Foundation
import XCTest
@testable import GaoxinComplexity

/// Input the reference would accept silently (or fail on late) is refused with an error that
/// names the row, in Chinese and English; the CLI exits non-zero and writes no output.
final class BadInputTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A valid 3 × 3 body to which each test adds its fault.
    private let goodRows = [
        "2020,A,x,10", "2020,A,y,1", "2020,A,z,3",
        "2020,B,x,2", "2020,B,y,9", "2020,B,z,4",
        "2020,C,x,1", "2020,C,y,3", "2020,C,z,12",
    ]

    private func write(_ text: String, name: String = "input.csv") throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Reads `lines` (header included) and returns the error.
    private func error(reading lines: [String], policy: InputPolicy = .strict) throws -> ComplexityInputError {
        let path = try write(lines.joined(separator: "\n") + "\n")
        do {
            _ = try ComplexityTable.read(csvPath: path, policy: policy)
        } catch let error as ComplexityInputError {
            return error
        }
        XCTFail("no error for \(lines)")
        throw CancellationError()
    }

    private let header = "year,loc,prod,val"

    func testNonNumericValueNamesTheRow() throws {
        let error = try self.error(reading: [header] + goodRows + ["2020,D,x,12abc"])
        XCTAssertEqual(error, .nonNumeric(line: 11, column: "val", text: "12abc"))
        XCTAssertTrue(error.messageZh.contains("第 11 行"))
        XCTAssertTrue(error.messageEn.contains("Line 11"))
    }

    /// " 0011" beside "0011" would be two locations; the strict policy names the row instead.
    func testCodesWithSpacesAroundThemAreRefused() throws {
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2020, A,y,6"]), .paddedCode(line: 11, column: "loc", text: " A"))
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2020 ,A,y,6"]), .paddedCode(line: 11, column: "year", text: "2020 "))
        XCTAssertEqual(ComplexityInputError.paddedCode(line: 11, column: "loc", text: " A").messageZh,
                       "第 11 行的“loc”值“ A”前后有空格，会被当作另一个代码；请删去空格（或用 --coerce 按原样计算）。")
        let path = try write(([header] + goodRows + ["2020, A,y,6"]).joined(separator: "\n") + "\n", name: "padded.csv")
        let table = try ComplexityTable.read(csvPath: path, policy: .coerce)
        XCTAssertEqual(table.years.first?.locations.count, 4, "as the reference does, \" A\" is a code of its own")
    }

    func testNegativeValue() throws {
        XCTAssertEqual(try error(reading: [header, "2020,D,x,-3"] + goodRows), .negative(line: 2, column: "val", text: "-3"))
    }

    func testNaNAndInfinityAreNotNumbers() throws {
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2020,D,x,NaN"]), .notFinite(line: 11, column: "val", text: "NaN"))
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2020,D,x,inf"]), .notFinite(line: 11, column: "val", text: "inf"))
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2020,D,x,1e999"]), .notFinite(line: 11, column: "val", text: "1e999"))
    }

    func testEmptyValueAndEmptyCode() throws {
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2020,D,x,"]), .emptyValue(line: 11, column: "val"))
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2020,,x,4"]), .emptyCode(line: 11, column: "loc"))
    }

    func testDuplicateNamesBothRows() throws {
        let error = try self.error(reading: [header] + goodRows + ["2020,B,y,7"])
        XCTAssertEqual(error, .duplicate(line: 11, firstLine: 6, year: "2020", location: "B", product: "y"))
        XCTAssertTrue(error.messageZh.contains("第 11 行与第 6 行重复"))
    }

    func testEarliestProblemIsReported() throws {
        // A duplicate in 2021 on line 12 and one in 2020 on line 13: line 12 is reported.
        let rows = goodRows + goodRows.map { $0.replacingOccurrences(of: "2020", with: "2021") }
        let error = try self.error(reading: [header] + rows + ["2021,A,x,1", "2020,A,x,1"])
        XCTAssertEqual(error.line, 20)
    }

    func testEmptyMatrixAndMissingHeader() throws {
        XCTAssertEqual(try error(reading: [header]), .emptyMatrix)
        XCTAssertEqual(try error(reading: []), .missingHeader)
        XCTAssertEqual(try error(reading: ["year,location,prod,val"] + goodRows),
                       .badHeader(found: "year,location,prod,val", expected: ["year", "loc", "prod", "val"]))
    }

    func testSingleLocationAndSingleProduct() throws {
        XCTAssertEqual(try error(reading: [header, "2020,A,x,1", "2020,A,y,2", "2020,B,x,0", "2020,B,y,0"]),
                       .singleLocation(year: "2020", location: "A", line: 2))
        XCTAssertEqual(try error(reading: [header, "2020,A,x,1", "2020,B,x,2", "2020,A,y,0"]),
                       .singleProduct(year: "2020", product: "x", line: 2))
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2021,A,x,0", "2021,B,y,0"]), .allZero(year: "2021", line: 11))
    }

    func testWrongFieldCountAndUnterminatedQuote() throws {
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2020,D,x"]), .fieldCount(line: 11, expected: 4, found: 3))
        XCTAssertEqual(try error(reading: [header] + goodRows + ["2020,\"D,x,1"]), .unterminatedQuote(line: 11))
    }

    func testInvalidUTF8() throws {
        var bytes = Data((header + "\n" + goodRows.joined(separator: "\n") + "\n2020,").utf8)
        bytes.append(contentsOf: [0xC3, 0x28])
        bytes.append(contentsOf: Data(",x,1\n".utf8))
        let url = directory.appendingPathComponent("latin.csv")
        try bytes.write(to: url)
        XCTAssertThrowsError(try ComplexityTable.read(csvPath: url.path)) { error in
            XCTAssertEqual(error as? ComplexityInputError, .notUTF8(line: 11))
        }
    }

    /// `.coerce` repairs what the reference repairs, with notes; duplicates keep the first row.
    func testCoercePolicyRepairsWithNotes() throws {
        let path = try write(([header] + goodRows + ["2020,D,x,abc", "2020,D,y,5", "2020,A,x,99"]).joined(separator: "\n"))
        let table = try ComplexityTable.read(csvPath: path, policy: .coerce)
        XCTAssertEqual(table.notes, [.coercedValues(count: 1, firstLine: 11, example: "abc"), .droppedDuplicates(count: 1, firstLine: 13)])
        let year = try XCTUnwrap(table.years.first)
        XCTAssertEqual(year.values[0, 0], 10, "the first A,x row is kept")
    }

    func testBuilderChecksLikeTheReader() throws {
        var builder = ComplexityTableBuilder()
        XCTAssertThrowsError(try builder.append(year: "2020", location: "A", product: "x", valueText: "十", line: 7)) {
            XCTAssertEqual($0 as? ComplexityInputError, .nonNumeric(line: 7, column: "val", text: "十"))
        }
        XCTAssertThrowsError(try builder.append(year: "2020", location: "A", product: "x", value: -.infinity, line: 8)) {
            XCTAssertEqual($0 as? ComplexityInputError, .notFinite(line: 8, column: "val", text: "-inf"))
        }
    }

    // MARK: - The command line

    private func runCLI(_ arguments: [String]) -> (status: Int32, errors: String) {
        var errors = ""
        let status = ComplexityCLI.run(arguments: arguments) { errors += $0 }
        return (status, errors)
    }

    func testCLIReportsRowInBothLanguagesAndWritesNothing() throws {
        let input = try write(([header] + goodRows + ["2020,D,x,-1"]).joined(separator: "\n"))
        let output = directory.appendingPathComponent("out.csv").path
        let (status, errors) = runCLI(["--input", input, "--output", output])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(errors.contains("错误：文件 \(input)：第 11 行"), errors)
        XCTAssertTrue(errors.contains("error: \(input): Line 11"), errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.contains("partial") }
        XCTAssertEqual(leftovers, [])
    }

    func testCLIUsageErrors() {
        XCTAssertEqual(runCLI(["--input", "a.csv"]).status, 2)
        XCTAssertEqual(runCLI(["--input", "a.csv", "--output", "b.csv", "--presence-test", "size"]).status, 2)
        XCTAssertEqual(runCLI(["--input", "a.csv", "--output", "b.csv", "--threshold", "high"]).status, 2)
        XCTAssertEqual(runCLI(["--input", "a.csv", "--output", "b.csv", "--bogus"]).status, 2)
        XCTAssertTrue(runCLI(["--input", "a.csv"]).errors.contains("缺少 --output"))
        XCTAssertEqual(runCLI(["--help"]).status, 0)
    }

    func testCLIRefusesOptionsTheReferenceCannotRun() throws {
        let input = try write(([header] + goodRows).joined(separator: "\n"))
        let output = directory.appendingPathComponent("out.csv").path
        let missingPopulation = runCLI(["--input", input, "--output", output, "--presence-test", "rpop"])
        XCTAssertEqual(missingPopulation.status, 1)
        XCTAssertTrue(missingPopulation.errors.contains("--population"), missingPopulation.errors)
        XCTAssertEqual(runCLI(["--input", input, "--output", output, "--presence-test", "both", "--continuous",
                               "--population", input]).status, 1)
        let overwrite = runCLI(["--input", input, "--output", input])
        XCTAssertEqual(overwrite.status, 2, "an output over the input is a usage error")
        XCTAssertTrue(overwrite.errors.contains("--output 不能与输入文件相同"), overwrite.errors)
        XCTAssertTrue(FileManager.default.fileExists(atPath: input))
        let missing = runCLI(["--input", directory.appendingPathComponent("absent.csv").path, "--output", output])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.errors.contains("无法读取文件"), missing.errors)
    }

    /// A given proximity with gaps is filled as the reference fills it, and the run says so.
    func testAProximityFileWithGapsIsFilledWithANote() throws {
        let input = try write(([header] + goodRows).joined(separator: "\n"))
        let given = try write("prod_1,prod_2,proximity\nx,x,1\nx,y,0.5\ny,x,0.5\nz,z,1\nx,z,0.2\nz,x,0.2\n", name: "prox.csv")
        let table = try ProximityTable.read(csvPath: given)
        XCTAssertEqual(table.missingPairs, 3, "y–z, z–y and y–y")
        XCTAssertEqual(table.missingDiagonal, 1)
        let output = directory.appendingPathComponent("out.csv").path
        let (status, notes) = runCLI(["--input", input, "--output", output, "--proximity-input", given])
        XCTAssertEqual(status, 0, notes)
        XCTAssertTrue(notes.contains("缺少 3 对产品之间的值（按 0 计），其中 1 个产品缺少与自身的邻近度（按 1 计）"), notes)
        let complete = try write("prod_1,prod_2,proximity\nx,x,1\n", name: "one.csv")
        XCTAssertNil(try ProximityTable.read(csvPath: complete).fillNote)
    }

    func testPopulationErrorsNameTheirFileAndRow() throws {
        let input = try write(([header] + goodRows).joined(separator: "\n"))
        let population = try write("year,loc,pop\n2020,A,100\n2020,B,0\n2020,C,50\n", name: "pop.csv")
        let output = directory.appendingPathComponent("out.csv").path
        let (status, errors) = runCLI(["--input", input, "--output", output, "--presence-test", "rpop", "--population", population])
        XCTAssertEqual(status, 1)
        XCTAssertTrue(errors.contains("文件 \(population)：第 3 行"), errors)
        let partial = try write("year,loc,pop\n2020,A,100\n2020,B,20\n", name: "pop2.csv")
        let gap = runCLI(["--input", input, "--output", output, "--presence-test", "rpop", "--population", partial])
        XCTAssertEqual(gap.status, 1)
        XCTAssertTrue(gap.errors.contains("地区 C"), gap.errors)
        XCTAssertTrue(gap.errors.contains("文件 \(partial)："), "the population file is named, not the input: \(gap.errors)")
    }

    /// Writing to a device or pipe goes straight to it: renaming over /dev/null would replace it.
    func testOutputToAFIFOIsWrittenInPlace() throws {
        let input = try write(([header] + goodRows).joined(separator: "\n"))
        let fifo = directory.appendingPathComponent("pipe").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        final class Received: @unchecked Sendable { var data = Data() }
        let received = Received()
        let reader = Thread {
            // Read to the end of the pipe, as a consumer of the command's output would.
            guard let handle = FileHandle(forReadingAtPath: fifo) else { return }
            received.data = handle.readDataToEndOfFile()
        }
        reader.start()
        XCTAssertEqual(runCLI(["--input", input, "--output", fifo, "--quiet"]).status, 0)
        while !reader.isFinished { usleep(1000) }
        var status = stat()
        XCTAssertEqual(stat(fifo, &status), 0)
        XCTAssertEqual(status.st_mode & S_IFMT, S_IFIFO, "still a pipe")
        XCTAssertTrue(String(decoding: received.data, as: UTF8.self).hasPrefix("year,loc,prod,rca,"))
    }
}
