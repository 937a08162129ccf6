import AssessCore
import AssessKit
import Testing
import TestSupport

/// Every registered assessor is run against its own worked examples: adding an assessor adds its tests.
@Suite("Assessor self-descriptions")
struct AssessorExampleTests {
    static let factories = AssessKit.registry.factories

    @Test("ids are unique and every assessor has examples", arguments: factories.map(\.description.id))
    func describesItself(id: String) throws {
        let factory = try #require(AssessKit.registry.factory(id))
        #expect(!factory.description.purpose.isEmpty)
        #expect(!factory.description.roles.isEmpty)
        #expect(factory.description.examples.count >= 3, "give \(id) at least three worked examples")
    }

    @Test func registryHasNoDuplicates() {
        #expect(AssessKit.registry.duplicates.isEmpty)
        #expect(Set(AssessKit.registry.ids).count == AssessKit.registry.ids.count)
    }

    @Test("every example gives its stated result", arguments: factories.map(\.description.id))
    func examples(id: String) throws {
        let factory = try #require(AssessKit.registry.factory(id))
        for example in factory.description.examples {
            let outcome = ExampleRunner.run(factory, example)
            let problem = ExampleRunner.mismatch(outcome, example.expect)
            #expect(problem == nil, "\(id) example at \(example.file):\(example.line): \(problem ?? "")",
                    sourceLocation: Testing.SourceLocation(fileID: "AssessCore/\(id)", filePath: example.file, line: example.line, column: 1))
        }
    }

    @Test func eachKindOfOutcomeIsExemplified() {
        let expectations = Self.factories.flatMap { $0.description.examples.map(\.expect) }
        #expect(expectations.contains { if case .level = $0 { return true }; return false })
        #expect(expectations.contains { if case .points = $0 { return true }; return false })
        #expect(expectations.contains(.notAssessed))
        #expect(expectations.contains(.notApplicable))
        #expect(expectations.contains { if case .error = $0 { return true }; return false })
    }
}
