import AssessCore
import Foundation

/// Prints HTML to PDF with a real browser engine found at run time (headless Chromium, or WeasyPrint).
public enum PDFRenderer {
    /// Why a PDF could not be made.
    public enum Failure: Error, Sendable {
        /// No renderer is installed (exit code 69).
        case noRenderer
        /// The renderer ran but failed.
        case failed(renderer: String, detail: String)
    }

    /// The command that installs a renderer, for the error message.
    public static let installHint = "install one with 'apt-get install chromium' (or 'pip install weasyprint'), or set ASSESS_PDF_RENDERER to its path"

    /// The renderers looked for, in order.
    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "weasyprint"]

    /// The first renderer on the PATH (or named by ASSESS_PDF_RENDERER).
    public static func findRenderer(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["ASSESS_PDF_RENDERER"], FileManager.default.isExecutableFile(atPath: explicit) {
            return explicit
        }
        let folders = (environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in candidates {
            for folder in folders {
                let path = folder + "/" + name
                if FileManager.default.isExecutableFile(atPath: path) { return path }
            }
        }
        return nil
    }

    /// Renders HTML to a PDF file at `output` (written whole or not at all, by ``OutputFile``'s rules).
    public static func render(html: String, to output: String) throws(Failure) {
        let bytes = try pdf(html: html)
        do throws(OutputFile.Failure) {
            try OutputFile.write(bytes, to: output)
        } catch {
            throw .failed(renderer: "assess", detail: "could not write \(output): \(error.message)")
        }
    }

    /// Renders HTML to PDF bytes.
    public static func pdf(html: String) throws(Failure) -> [UInt8] {
        guard let renderer = findRenderer() else { throw .noRenderer }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("assess-pdf-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html")
        let pdf = folder.appendingPathComponent("report.pdf")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(html.utf8).write(to: page)
        } catch {
            throw .failed(renderer: renderer, detail: "could not write a temporary file: \(error.localizedDescription)")
        }
        let arguments: [String]
        if renderer.hasSuffix("weasyprint") {
            arguments = [page.path, pdf.path]
        } else {
            arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                         "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                         "--print-to-pdf=\(pdf.path)", page.absoluteString]
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: renderer)
        process.arguments = arguments
        let log = folder.appendingPathComponent("log.txt")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try? FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw .failed(renderer: renderer, detail: error.localizedDescription) }
        process.waitUntilExit()
        try? handle?.close()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
            let detail = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").suffix(3).joined(separator: " ") ?? ""
            throw .failed(renderer: renderer, detail: "exit status \(process.terminationStatus). \(detail)")
        }
        return [UInt8](data)
    }
}
