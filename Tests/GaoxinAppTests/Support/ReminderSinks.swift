import Foundation
import Vapor
import XCTest

/// A local SMTP sink: Python's aiosmtpd with its Maildir handler, on a free port. Missing
/// aiosmtpd skips the test on a developer machine and fails it under CI (`ToolRequirement`).
final class SMTPSink {
    let port: Int
    let directory: URL
    private let process: Process

    static func start() throws -> SMTPSink {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import aiosmtpd"]
        check.standardError = FileHandle.nullDevice
        try? check.run()
        check.waitUntilExit()
        if check.terminationStatus != 0 { try ToolRequirement.missing("aiosmtpd (pip install aiosmtpd)") }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gaoxin-smtp-\(UUID().uuidString)")
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...45_000)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", "-m", "aiosmtpd", "-n", "-l", "127.0.0.1:\(port)", "-c", "aiosmtpd.handlers.Mailbox", directory.path]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<50 where process.isRunning {
                if Self.accepts(port) { return SMTPSink(port: port, directory: directory, process: process) }
                Thread.sleep(forTimeInterval: 0.1)
            }
            process.terminate()
        }
        throw XCTSkip("the SMTP sink did not start")
    }

    private init(port: Int, directory: URL, process: Process) {
        self.port = port
        self.directory = directory
        self.process = process
    }

    private static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// The messages received, as raw text.
    func messages() throws -> [String] {
        let new = directory.appendingPathComponent("new")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: new.path) else { return [] }
        return try names.sorted().map { try String(contentsOf: new.appendingPathComponent($0), encoding: .utf8) }
    }

    /// aiosmtpd does not always end on SIGTERM (and `waitUntilExit` spins), so: kill, poll briefly.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        for _ in 0..<50 where process.isRunning { Thread.sleep(forTimeInterval: 0.05) }
        try? FileManager.default.removeItem(at: directory)
    }
}

/// A local webhook receiver: a Vapor server answering each POST with the next of `answers`
/// (a status, after an optional delay), recording every body it was sent.
final class WebhookReceiver: @unchecked Sendable {
    struct Answer: Sendable {
        let status: HTTPResponseStatus
        var delaySeconds: Double = 0
    }

    private let lock = NSLock()
    private var bodies: [String] = []
    private var answers: [Answer]
    private(set) var app: Application!
    private(set) var port = 0

    init(answers: [Answer]) { self.answers = answers }

    var received: [String] { lock.lock(); defer { lock.unlock() }; return bodies }

    func start() async throws {
        let app = try await Application.make(.testing)
        app.logger.logLevel = .critical
        app.http.server.configuration.hostname = "127.0.0.1"
        app.http.server.configuration.port = 0
        app.post("hook") { [self] req async throws -> Response in
            let answer: Answer = lock.withLock {
                bodies.append(req.body.string ?? "")
                return answers.count > 1 ? answers.removeFirst() : (answers.first ?? Answer(status: .ok))
            }
            if answer.delaySeconds > 0 { try await Task.sleep(nanoseconds: UInt64(answer.delaySeconds * 1_000_000_000)) }
            return Response(status: answer.status)
        }
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        port = app.http.server.shared.localAddress?.port ?? 0
        self.app = app
    }

    func stop() async throws {
        await app.server.shutdown()
        try await app.asyncShutdown()
    }
}
