import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a plugin request failed.
public enum PluginFailure: Error, Sendable, Hashable {
    /// The executable could not be started.
    case cannotStart(String)
    /// No complete response line within the time limit.
    case timeout(seconds: Double)
    /// The process ended (crash or exit) before answering.
    case exited(status: Int32, stderr: String)
    /// The response is not a JSON object.
    case invalidJSON(String)
    /// The response line is longer than the limit.
    case oversized(limit: Int)
    /// The plugin speaks another protocol version, or broke the protocol.
    case protocolError(String)

    /// A sentence for a criterion's error.
    public var message: String {
        switch self {
        case .cannotStart(let reason): return "could not be started: \(reason)"
        case .timeout(let seconds): return "did not answer within \(Format.number(seconds)) s and was stopped"
        case .exited(let status, let stderr):
            let tail = stderr.split(separator: "\n").last.map { ": \($0)" } ?? ""
            return "stopped unexpectedly (exit status \(status))\(tail)"
        case .invalidJSON(let text):
            let sample = text.count > 80 ? String(text.prefix(77)) + "..." : text
            return "answered with something that is not a JSON object: \(sample)"
        case .oversized(let limit): return "sent a response over the \(limit)-byte limit"
        case .protocolError(let reason): return reason
        }
    }
}

/// A running plugin process, spoken to one JSON line at a time. No shell is involved in starting it.
/// Its standard error is captured, never shown directly.
final class PluginProcess: @unchecked Sendable {
    private let process = Process()
    private let stdinHandle: FileHandle
    private let stdoutFD: Int32
    private let stderrFD: Int32
    private var buffer: [UInt8] = []
    private var stderrBytes: [UInt8] = []
    private let maxLine: Int
    private(set) var dead: PluginFailure?

    init(executable: String, arguments: [String], maxLine: Int) throws(PluginFailure) {
        // A plugin that dies must not take assess down through SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        self.maxLine = maxLine
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        stdinHandle = input.fileHandleForWriting
        stdoutFD = output.fileHandleForReading.fileDescriptor
        stderrFD = errors.fileHandleForReading.fileDescriptor
        do {
            try process.run()
        } catch {
            let reason = FileManager.default.isExecutableFile(atPath: executable)
                ? "the system refused to run it (a script needs a '#!' first line naming its interpreter)"
                : "it is not executable (run 'chmod +x \(executable)')"
            throw .cannotStart(reason)
        }
        _ = fcntl(stderrFD, F_SETFL, fcntl(stderrFD, F_GETFL) | O_NONBLOCK)
    }

    /// Everything the plugin wrote to standard error so far (at most 64 KiB kept).
    var stderr: String {
        drainStderr()
        return String(decoding: stderrBytes, as: UTF8.self)
    }

    /// Sends one line and waits for one line back.
    func exchange(_ line: String, timeout: Double) -> Result<String, PluginFailure> {
        if let dead { return .failure(dead) }
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        let written = bytes.withUnsafeBytes { pointer -> Bool in
            guard let base = pointer.baseAddress else { return true }
            var offset = 0
            while offset < pointer.count {
                let result = write(stdinHandle.fileDescriptor, base + offset, pointer.count - offset)
                if result < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += result
            }
            return true
        }
        if !written { return .failure(fail(with: exitFailure())) }
        return readLine(timeout: timeout)
    }

    private func readLine(timeout: Double) -> Result<String, PluginFailure> {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(max(timeout, 0) * 1e9)
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                if newline > maxLine { return .failure(fail(with: .oversized(limit: maxLine))) }
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return .success(line)
            }
            if buffer.count > maxLine { return .failure(fail(with: .oversized(limit: maxLine))) }
            let now = DispatchTime.now().uptimeNanoseconds
            if now >= deadline { return .failure(fail(with: .timeout(seconds: timeout))) }
            var fds = [pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0), pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0)]
            let wait = Int32(min((deadline - now) / 1_000_000 + 1, 1000))
            let ready = poll(&fds, 2, wait)
            if ready < 0 {
                if errno == EINTR { continue }
                return .failure(fail(with: .protocolError("reading from the plugin failed (errno \(errno))")))
            }
            if fds[1].revents != 0 { drainStderr() }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                var chunk = [UInt8](repeating: 0, count: 65536)
                let count = read(stdoutFD, &chunk, chunk.count)
                if count > 0 {
                    buffer.append(contentsOf: chunk[0..<count])
                } else if count == 0 {
                    return .failure(fail(with: exitFailure()))
                } else if errno != EINTR && errno != EAGAIN {
                    return .failure(fail(with: exitFailure()))
                }
            }
        }
    }

    private func exitFailure() -> PluginFailure {
        process.waitUntilExit()
        return .exited(status: process.terminationStatus, stderr: stderr)
    }

    private func fail(with failure: PluginFailure) -> PluginFailure {
        dead = failure
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        return failure
    }

    private func drainStderr() {
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = read(stderrFD, &chunk, chunk.count)
            guard count > 0 else { return }
            if stderrBytes.count < 65536 { stderrBytes.append(contentsOf: chunk[0..<min(count, 65536 - stderrBytes.count)]) }
        }
    }

    /// Closes the plugin's input and waits briefly for it to end; returns its exit status if it ended.
    func finish(grace: Double = 2) -> Int32? {
        try? stdinHandle.close()
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        drainStderr()
        return process.terminationStatus
    }
}
