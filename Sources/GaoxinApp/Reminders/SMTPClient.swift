import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// A small SMTP submission client over SwiftNIO (no SMTP package is mirrored): one message per
/// connection — greeting, EHLO, AUTH PLAIN when configured, MAIL/RCPT/DATA, QUIT — with implicit
/// TLS when asked (port 465). Every reply is checked; a refusal or a silent server within the
/// timeout is an error naming the step, so the queue retries.
struct SMTPClient: Sendable {
    let host: String
    let port: Int
    let tls: Bool
    let username: String?
    let password: String?
    let timeout: TimeAmount

    struct Failure: Error, CustomStringConvertible {
        let step: String
        let reply: String
        var description: String { "邮件服务器在\(step)时答复：\(reply)" }
    }

    init(_ config: ReminderConfig) {
        host = config.smtpHost ?? "127.0.0.1"
        port = config.smtpPort
        tls = config.smtpTLS
        username = config.smtpUsername
        password = config.smtpPassword
        timeout = .seconds(Int64(config.timeoutSeconds))
    }

    func send(_ message: MailMessage) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.converse(message) }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(self.timeout.nanoseconds))
                throw Failure(step: "通信", reply: "超过 \(self.timeout.nanoseconds / 1_000_000_000) 秒未完成")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func converse(_ message: MailMessage) async throws {
        let host = self.host, tls = self.tls
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if tls {
                        let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: host))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            var replies = SMTPReplyReader(inbound.makeAsyncIterator())
            func expect(_ step: String, _ codes: Set<Int>) async throws {
                let reply = try await replies.next()
                guard codes.contains(reply.code) else { throw Failure(step: step, reply: reply.text) }
            }
            func command(_ line: String, step: String, expect codes: Set<Int>) async throws {
                try await outbound.write(ByteBuffer(string: line + "\r\n"))
                try await expect(step, codes)
            }
            try await expect("问候", [220])
            try await command("EHLO gaoxin", step: "EHLO", expect: [250])
            if let username, let password {
                let token = Data("\u{0}\(username)\u{0}\(password)".utf8).base64EncodedString()
                try await command("AUTH PLAIN \(token)", step: "登录", expect: [235])
            }
            try await command("MAIL FROM:<\(message.from)>", step: "MAIL FROM", expect: [250])
            try await command("RCPT TO:<\(message.to)>", step: "RCPT TO", expect: [250, 251])
            try await command("DATA", step: "DATA", expect: [354])
            try await command(message.rendered + ".", step: "发送正文", expect: [250])
            // Delivered: a QUIT the server does not answer changes nothing.
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
        }
    }
}

/// Reads SMTP replies from the byte stream: lines of `NNN-text` continued, ended by `NNN text`.
struct SMTPReplyReader {
    struct Reply: Equatable {
        let code: Int
        let text: String
    }

    private var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    private var parser = SMTPReplyParser()

    init(_ iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    mutating func next() async throws -> Reply {
        while true {
            if let reply = parser.next() { return reply }
            guard let buffer = try await iterator.next() else {
                throw SMTPClient.Failure(step: "读取答复", reply: "连接已关闭")
            }
            parser.append(Array(buffer.readableBytesView))
        }
    }
}

/// The pure part of reading replies, tested on its own.
struct SMTPReplyParser {
    private var pending: [UInt8] = []
    private var lines: [String] = []

    mutating func append(_ bytes: [UInt8]) { pending += bytes }

    /// The next complete reply, or nil until more bytes arrive.
    mutating func next() -> SMTPReplyReader.Reply? {
        while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
            var line = String(decoding: pending[..<end], as: UTF8.self)
            pending.removeSubrange(...end)
            if line.hasSuffix("\r") { line.removeLast() }
            lines.append(line)
            let isLast = line.count < 4 || line[line.index(line.startIndex, offsetBy: 3)] != "-"
            if isLast {
                let code = Int(line.prefix(3)) ?? 0
                let text = lines.joined(separator: " / ")
                lines = []
                return .init(code: code, text: text)
            }
        }
        return nil
    }
}
