import Glibc

/// A file written through a large buffer into a temporary name beside the target, renamed
/// over the target only when complete: a failed run never leaves a half-written output.
/// A target that exists and is not a regular file (/dev/null, a pipe) is written directly:
/// renaming over it would replace the device or pipe with a file.
final class OutputFile {
    let path: String
    private let temporaryPath: String?
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private let flushSize = 4 << 20

    init(path: String) throws {
        self.path = path
        var status = stat()
        if stat(path, &status) == 0 && (status.st_mode & S_IFMT) != S_IFREG {
            temporaryPath = nil
            descriptor = open(path, O_WRONLY)
        } else {
            let temporary = path + ".partial-\(getpid())"
            temporaryPath = temporary
            descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        }
        guard descriptor >= 0 else { throw ComplexityInputError.cannotWrite(path: path, reason: CSVFileScanner.lastError()) }
        buffer.reserveCapacity(flushSize * 2)
    }

    deinit {
        if descriptor >= 0 { abandon() }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        if buffer.count + bytes.count > flushSize {
            try flush()
            if bytes.count > flushSize { return try writeAll(bytes) }
        }
        buffer.append(contentsOf: bytes)
    }

    func write(_ text: String) throws {
        try Array(text.utf8).withUnsafeBytes { try write($0) }
    }

    /// Writes what is left and moves the file to its name.
    func commit() throws {
        try flush()
        let closed = close(descriptor)
        descriptor = -1
        guard let temporary = temporaryPath else {
            if closed != 0 { throw ComplexityInputError.cannotWrite(path: path, reason: CSVFileScanner.lastError()) }
            return
        }
        guard closed == 0, rename(temporary, path) == 0 else {
            let reason = CSVFileScanner.lastError()
            unlink(temporary)
            throw ComplexityInputError.cannotWrite(path: path, reason: reason)
        }
    }

    /// Drops the partial file.
    func abandon() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
        if let temporary = temporaryPath { unlink(temporary) }
    }

    private func flush() throws {
        try buffer.withUnsafeBytes { try writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeAll(_ raw: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < raw.count {
            let written = Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw ComplexityInputError.cannotWrite(path: path, reason: CSVFileScanner.lastError())
            }
            offset += written
        }
    }
}
