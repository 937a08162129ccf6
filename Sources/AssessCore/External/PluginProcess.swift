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
    /// The process exited with a status before answering.
    case exited(status: Int32, stderr: String)
    /// The process was ended by a signal (a crash, or killed from outside) before answering.
    case signalled(signal: Int32, stderr: String)
    /// The response is not a JSON object.
    case invalidJSON(String)
    /// The response line is longer than the limit.
    case oversized(limit: Int)
    /// The plugin speaks another protocol version, or broke the protocol.
    case protocolError(String)
    /// The caller chose not to start the plugin (a command that only reads a framework).
    case notStarted

    /// A sentence for a criterion's error.
    public var message: String {
        switch self {
        case .cannotStart(let reason): return "could not be started: \(reason)"
        case .timeout(let seconds): return "did not answer within \(Format.number(seconds)) s and was stopped"
        case .exited(let status, let stderr):
            return "exited with status \(status) before answering\(Self.lastLine(stderr))"
        case .signalled(let signal, let stderr):
            return "was ended by signal \(signal) before answering\(Self.lastLine(stderr))"
        case .invalidJSON(let text):
            let sample = text.count > 80 ? String(text.prefix(77)) + "..." : text
            return "answered with something that is not a JSON object: \(sample)"
        case .oversized(let limit): return "sent a response over the \(limit)-byte limit"
        case .protocolError(let reason): return reason
        case .notStarted: return "was not started: this command runs the plugins a framework lists only when asked"
        }
    }

    private static func lastLine(_ stderr: String) -> String {
        stderr.split(separator: "\n").last.map { ": \($0)" } ?? ""
    }
}

/// A running plugin process, spoken to one JSON line at a time. No shell is involved in starting it.
///
/// The plugin runs in a process group of its own, so everything it starts can be stopped with it: on a
/// failure and at the end of a run the whole group gets SIGTERM, then SIGKILL after ``stopGrace`` seconds.
/// Nothing here waits for the end of a pipe (a child the plugin started may hold it open for ever): every
/// wait is a `poll` with a deadline, and the plugin's own exit is watched while waiting. Its standard error
/// is captured (the last 64 KiB), never shown directly.
final class PluginProcess: @unchecked Sendable {
    /// Seconds between SIGTERM and SIGKILL when the plugin's process group is stopped.
    static let stopGrace: Double = 1
    /// Bytes of standard error kept (the last ones: a crash's message comes at the end).
    static let stderrLimit = 65536
    /// Bytes a plugin may write that no request asked for before it is stopped.
    static let strayLimit = 4 << 20

    /// The plugin's process id, which is also its process group's id.
    let pid: pid_t
    private var stdinFD: Int32
    private var stdoutFD: Int32
    private var stderrFD: Int32
    private var stdoutAtEnd = false
    private var buffer: [UInt8] = []
    /// A stray line was cut short when a request was sent: the rest of it, up to its newline, is dropped too.
    private var skippingStrayLine = false
    private var stderrBytes: [UInt8] = []
    private let maxLine: Int
    /// The raw wait status, once the plugin has been reaped.
    private var waitStatus: Int32?
    private var stopped = false
    /// Why the process is unusable, once it is.
    private(set) var dead: PluginFailure?
    /// Lines the plugin wrote that answered no request (discarded).
    private(set) var strayLines = 0
    /// Bytes of standard error dropped because more than ``stderrLimit`` were written.
    private(set) var stderrDropped = 0

    init(executable: String, arguments: [String], maxLine: Int) throws(PluginFailure) {
        // A plugin that dies must not take assess down through SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        self.maxLine = maxLine
        guard let input = Self.pipePair() else { throw .cannotStart("no pipe could be created (errno \(errno))") }
        guard let output = Self.pipePair() else {
            Self.close(input.read, input.write)
            throw .cannotStart("no pipe could be created (errno \(errno))")
        }
        guard let errors = Self.pipePair() else {
            Self.close(input.read, input.write, output.read, output.write)
            throw .cannotStart("no pipe could be created (errno \(errno))")
        }
        let spawned = Self.spawn(executable, arguments, stdin: input.read, stdout: output.write, stderr: errors.write)
        // The child's ends belong to the child now; keeping them open here would hide its exit.
        Self.close(input.read, output.write, errors.write)
        guard case .success(let pid) = spawned else {
            Self.close(input.write, output.read, errors.read)
            let code: Int32
            if case .failure(let error) = spawned { code = error.code } else { code = 0 }
            let reason = code == ENOEXEC || (code == EACCES && FileManager.default.isExecutableFile(atPath: executable))
                ? "the system refused to run it (a script needs a '#!' first line naming its interpreter)"
                : FileManager.default.isExecutableFile(atPath: executable)
                    ? "the system refused to run it (\(String(cString: strerror(code))))"
                    : "it is not executable (run 'chmod +x \(executable)')"
            throw .cannotStart(reason)
        }
        self.pid = pid
        LiveGroups.add(pid)
        stdinFD = input.write
        stdoutFD = output.read
        stderrFD = errors.read
        for fd in [stdinFD, stdoutFD, stderrFD] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit {
        stop()
        Self.close(stdoutFD, stderrFD)
    }

    /// Everything the plugin wrote to standard error so far (the last 64 KiB).
    var stderr: String {
        drainStderr()
        return String(decoding: stderrBytes, as: UTF8.self)
    }

    /// Sends one line and waits for one line back, at most `timeout` seconds in all.
    ///
    /// Anything the plugin wrote since its last answer is discarded first (and counted in ``strayLines``):
    /// no line written before a request is sent can be that request's answer.
    func exchange(_ line: String, timeout: Double) -> Result<String, PluginFailure> {
        if let dead { return .failure(dead) }
        if let failure = discardStrayOutput() { return .failure(fail(with: failure)) }
        if reap() { return .failure(fail(with: exitFailure())) }
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        return converse(bytes, deadline: Self.now() + max(timeout, 0), timeout: timeout)
    }

    /// Stops the plugin for good with a failure of the caller's (a response that breaks the protocol).
    func abandon(_ failure: PluginFailure) {
        _ = fail(with: failure)
    }

    private func converse(_ request: [UInt8], deadline: Double, timeout: Double) -> Result<String, PluginFailure> {
        var pending = request[...]
        while true {
            if pending.isEmpty, let line = takeLine() { return line.mapError { fail(with: $0) } }
            if buffer.count > maxLine { return .failure(fail(with: .oversized(limit: maxLine))) }
            if stdoutAtEnd || reap() {
                // It ended (or closed its output): whatever it wrote before is still in the pipe.
                readAvailable(limit: maxLine + 1)
                if pending.isEmpty, let line = takeLine() { return line.mapError { fail(with: $0) } }
                if waitForExit(until: deadline) { return .failure(fail(with: exitFailure())) }
                return .failure(fail(with: .protocolError("closed its standard output without answering")))
            }
            let now = Self.now()
            if now >= deadline { return .failure(fail(with: .timeout(seconds: timeout))) }
            var fds = [pollfd(fd: stdoutFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: stderrFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: pending.isEmpty ? -1 : stdinFD, events: Int16(POLLOUT), revents: 0)]
            // Short slices, so that the plugin's exit is noticed even while a child of it holds its output.
            let wait = Int32(min((deadline - now) * 1000 + 1, 50))
            if poll(&fds, nfds_t(fds.count), wait) < 0 {
                if errno == EINTR { continue }
                return .failure(fail(with: .protocolError("talking to the plugin failed (errno \(errno))")))
            }
            if fds[1].revents != 0 { drainStderr() }
            if fds[0].revents != 0 { readAvailable(limit: maxLine + 1) }
            if fds[2].revents != 0 && !pending.isEmpty {
                let written = pending.withUnsafeBytes { write(stdinFD, $0.baseAddress, $0.count) }
                if written > 0 {
                    pending = pending.dropFirst(written)
                } else if written < 0 && errno != EAGAIN && errno != EINTR {
                    // EPIPE: nobody reads its input any more, so it has ended or is ending.
                    closeStdin()
                    if waitForExit(until: deadline) { return .failure(fail(with: exitFailure())) }
                    return .failure(fail(with: .protocolError("closed its standard input without answering")))
                }
            }
        }
    }

    /// The next complete line in the buffer, if there is one.
    private func takeLine() -> Result<String, PluginFailure>? {
        if skippingStrayLine {
            guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else {
                buffer.removeAll()
                return nil
            }
            buffer.removeSubrange(...newline)
            skippingStrayLine = false
        }
        guard let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) else { return nil }
        if newline > maxLine { return .failure(.oversized(limit: maxLine)) }
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return .success(line)
    }

    /// Reads what the plugin has written, without waiting, until `limit` bytes are buffered.
    private func readAvailable(limit: Int) {
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !stdoutAtEnd && buffer.count < limit {
            let count = read(stdoutFD, &chunk, chunk.count)
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                stdoutAtEnd = true
            } else if errno == EINTR {
                continue
            } else {
                if errno != EAGAIN { stdoutAtEnd = true }
                return
            }
        }
    }

    /// Drops whatever the plugin wrote that no request asked for; a failure if it will not stop writing.
    private func discardStrayOutput() -> PluginFailure? {
        var total = 0
        while true {
            let before = buffer.count
            readAvailable(limit: 65536)
            total += buffer.count - before
            strayLines += buffer.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            let partial = buffer.last.map { $0 != UInt8(ascii: "\n") } ?? false
            if buffer.count < 65536 {
                // A line begun before the request is sent cannot be its answer, however it ends.
                if partial { strayLines += 1; skippingStrayLine = true }
                buffer.removeAll()
                return nil
            }
            buffer.removeAll()
            if total > Self.strayLimit {
                return .protocolError("kept writing lines that answered no request (over \(Self.strayLimit) bytes)")
            }
        }
    }

    /// Collects the plugin's exit status if it has ended; true once it has.
    @discardableResult
    private func reap() -> Bool {
        if waitStatus != nil { return true }
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        if result == pid { waitStatus = status; return true }
        if result < 0 && errno == ECHILD { waitStatus = 0; return true }
        return false
    }

    /// Waits for the plugin to end until a deadline, draining its standard error meanwhile.
    private func waitForExit(until deadline: Double) -> Bool {
        while !reap() {
            if Self.now() >= deadline { return false }
            drainStderr()
            usleep(5_000)
        }
        return true
    }

    private func exitFailure() -> PluginFailure {
        let raw = waitStatus ?? 0
        let signal = raw & 0x7f
        if signal == 0 { return .exited(status: (raw >> 8) & 0xff, stderr: stderr) }
        return .signalled(signal: signal, stderr: stderr)
    }

    private func fail(with failure: PluginFailure) -> PluginFailure {
        if dead == nil { dead = failure }
        stop()
        return failure
    }

    private func closeStdin() {
        if stdinFD >= 0 { Self.close(stdinFD) }
        stdinFD = -1
    }

    /// Stops the plugin's whole process group: SIGTERM, then SIGKILL to whatever is left after
    /// ``stopGrace`` seconds. The plugin itself is reaped; stray children are reaped by the system.
    private func stop() {
        guard !stopped else { return }
        stopped = true
        defer { LiveGroups.remove(pid) }
        closeStdin()
        // A group with members keeps its id from being reused, so signalling it reaches only the plugin's.
        if reap() && !Self.groupExists(pid) { return }
        kill(-pid, SIGTERM)
        let deadline = Self.now() + Self.stopGrace
        while Self.now() < deadline {
            drainStderr()
            if reap() && !Self.groupExists(pid) { return }
            usleep(5_000)
        }
        kill(-pid, SIGKILL)
        if waitStatus == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            waitStatus = status
        }
    }

    private func drainStderr() {
        guard stderrFD >= 0 else { return }
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = read(stderrFD, &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return }
            stderrBytes.append(contentsOf: chunk[0..<count])
            if stderrBytes.count > Self.stderrLimit {
                let excess = stderrBytes.count - Self.stderrLimit
                stderrDropped += excess
                stderrBytes.removeFirst(excess)
            }
        }
    }

    /// Closes the plugin's input and waits up to `grace` seconds for it to end; then stops its process group
    /// (anything it started that is still running). Returns its exit status if it ended by itself
    /// (128 + the signal if a signal ended it), nil if it had to be stopped.
    func finish(grace: Double = 2) -> Int32? {
        closeStdin()
        let ended = stopped ? reap() : waitForExit(until: Self.now() + grace)
        if !stopped {
            readAvailable(limit: Self.strayLimit)
            strayLines += buffer.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            if buffer.last.map({ $0 != UInt8(ascii: "\n") }) ?? false { strayLines += 1 }
            buffer.removeAll()
        }
        stop()
        drainStderr()
        guard ended, let raw = waitStatus else { return nil }
        let signal = raw & 0x7f
        return signal == 0 ? (raw >> 8) & 0xff : 128 + signal
    }

    // MARK: - System calls

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func groupExists(_ group: pid_t) -> Bool {
        kill(-group, 0) == 0 || errno != ESRCH
    }

    private static func close(_ fds: Int32...) {
        for fd in fds where fd >= 0 { _ = closeDescriptor(fd) }
    }

    /// A pipe whose ends are closed in any program started later (so no other plugin inherits them) and are
    /// not 0, 1 or 2 (so that moving them there in the child cannot go wrong).
    private static func pipePair() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        for index in 0..<2 {
            if fds[index] < 3 {
                let moved = fcntl(fds[index], F_DUPFD_CLOEXEC, 3)
                _ = closeDescriptor(fds[index])
                fds[index] = moved
            } else {
                _ = fcntl(fds[index], F_SETFD, FD_CLOEXEC)
            }
        }
        guard fds[0] >= 0, fds[1] >= 0 else {
            close(fds[0], fds[1])
            return nil
        }
        return (fds[0], fds[1])
    }

    private struct SpawnError: Error { var code: Int32 }

    /// Starts the program in a new process group with the given pipes as its standard streams, SIGPIPE and
    /// SIGTERM at their defaults and no signals blocked, in assess's folder and environment.
    private static func spawn(
        _ executable: String, _ arguments: [String], stdin: Int32, stdout: Int32, stderr: Int32
    ) -> Result<pid_t, SpawnError> {
        #if canImport(Darwin)
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #else
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawn_file_actions_adddup2(&actions, stdin, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        var flags = Int32(POSIX_SPAWN_SETPGROUP) | Int32(POSIX_SPAWN_SETSIGDEF) | Int32(POSIX_SPAWN_SETSIGMASK)
        #if canImport(Darwin)
        flags |= Int32(POSIX_SPAWN_CLOEXEC_DEFAULT)
        #endif
        posix_spawnattr_setflags(&attributes, Int16(flags))
        posix_spawnattr_setpgroup(&attributes, 0)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for number in [SIGPIPE, SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, number) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attributes, &mask)

        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let environment: [UnsafeMutablePointer<CChar>?] =
            ProcessInfo.processInfo.environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in environment { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, environment)
        return result == 0 ? .success(pid) : .failure(SpawnError(code: result))
    }
}

/// The process groups of the plugins running now, so that assess interrupted (Ctrl-C, SIGTERM, SIGHUP) stops
/// them too: in groups of their own they no longer get the terminal's SIGINT. A fixed array of ids, which the
/// signal handler reads without locking or allocating.
private enum LiveGroups {
    static let capacity = 256
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<pid_t> = {
        let slots = UnsafeMutablePointer<pid_t>.allocate(capacity: capacity)
        slots.initialize(repeating: 0, count: capacity)
        return slots
    }()
    static let lock = NSLock()
    nonisolated(unsafe) static var installed = false

    static func add(_ group: pid_t) {
        lock.lock()
        defer { lock.unlock() }
        if !installed {
            installed = true
            _ = slots
            // Only where nobody else handles the signal: a host program's own handlers are left alone.
            for number in [SIGINT, SIGTERM, SIGHUP] {
                var current = sigaction()
                guard sigaction(number, nil, &current) == 0, handlerIsDefault(current) else { continue }
                var action = sigaction()
                setHandler(&action, stopPluginsAndDie)
                sigemptyset(&action.sa_mask)
                _ = sigaction(number, &action, nil)
            }
        }
        for index in 0..<capacity where slots[index] == 0 {
            slots[index] = group
            return
        }
    }

    static func remove(_ group: pid_t) {
        lock.lock()
        defer { lock.unlock() }
        for index in 0..<capacity where slots[index] == group { slots[index] = 0 }
    }

    private static func handlerIsDefault(_ action: sigaction) -> Bool {
        #if canImport(Darwin)
        return action.__sigaction_u.__sa_handler == nil
        #else
        return action.__sigaction_handler.sa_handler == nil
        #endif
    }

    private static func setHandler(_ action: inout sigaction, _ handler: @convention(c) (Int32) -> Void) {
        #if canImport(Darwin)
        action.__sigaction_u.__sa_handler = handler
        #else
        action.__sigaction_handler.sa_handler = handler
        #endif
    }
}

/// Stops every running plugin's process group, then lets the signal do what it would have done.
private func stopPluginsAndDie(_ number: Int32) {
    for index in 0..<LiveGroups.capacity {
        let group = LiveGroups.slots[index]
        if group > 0 { kill(-group, SIGKILL) }
    }
    signal(number, SIG_DFL)
    raise(number)
}

/// `close(2)`, under a name the methods called `close` do not hide.
private func closeDescriptor(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}
