import AssessCore

/// The share of top tasks that can be completed end to end on a phone, from a top-tasks test sheet.
public struct TopTasksAssessor: Assessor {
    static let taskColumns = ["Task", "Top task", "Task name", "Service"]
    static let resultColumns = ["Completed on phone", "Completable on phone", "Can be completed on a phone", "Completed on mobile",
                                "Works on phone", "Phone", "Mobile", "Result"]
    static let volumeColumns = ["Volume", "Annual volume", "Transactions", "Annual transactions", "Visits"]
    static let noteColumns = ["Notes", "Note", "Problem", "Issue", "Comment", "Comments"]
    static let yes: Set<String> = ["yes", "y", "true", "1", "pass", "passed", "complete", "completed"]
    static let no: Set<String> = ["no", "n", "false", "0", "fail", "failed", "not completed", "incomplete"]
    static let partly: Set<String> = ["partly", "partial", "partially"]

    let weightByVolume: Bool
    let thresholds: Thresholds
    let sample: MinimumSample

    /// Why 10 tasks: a council's top tasks (bins, council tax, parking, planning, housing, school admissions,
    /// benefits, reporting a problem ...) run to about ten; Gerry McGovern's top tasks method (Top Tasks: A
    /// How-to Guide, 2018) finds that a small set of tasks, typically 5 to 10, carries a quarter of demand. A
    /// sheet of fewer tasks says more about the tasks chosen than about the site.
    static let defaultMinimumTasks = 10

    static let exampleSheet = """
        Task,Completed on phone,Volume,Tested on,Notes
        Report a missed bin collection,yes,18400,"Pixel 7a, iPhone SE",
        Pay council tax,yes,61000,"Pixel 7a, iPhone SE",
        Apply for a parking permit,no,5200,"Pixel 7a, iPhone SE",Proof of address upload fails on iPhone
        Report a pothole,yes,7300,"Pixel 7a, iPhone SE",
        Book a bulky waste collection,partly,2900,"Pixel 7a, iPhone SE",Payment page needs zooming

        """

    public static let description = AssessorDescription(
        id: "mobile.top-tasks", title: "Top tasks completable on a phone",
        purpose: "Reads a top-tasks test sheet (CSV: a 'Task' column and a yes/no 'Completed on phone' column, optionally 'Volume' and 'Notes') and gives the share of tasks that could be completed end to end on a phone; 'partly' counts as not completed. With weight-by-volume the share is weighted by each task's volume. A fact holding a number is the count of tasks completed, divided by the 'total' fact.",
        roles: [
            RoleDescription("tasks", type: "CSV test sheet, or a number of tasks completed", "the top tasks tested on a phone"),
            RoleDescription("total", type: "number", required: false, "the number of top tasks, when 'tasks' is a number"),
        ],
        parameters: [
            ParameterDescription("weight-by-volume", type: "boolean", default: "false",
                                 "weight each task by its 'Volume' column (transactions or visits a year)"),
        ] + MinimumSample.parameterDescriptions(default: defaultMinimumTasks, unit: "tasks",
                                                 why: "a council's top tasks run to about ten; McGovern, Top Tasks, 2018")
            + Thresholds.parameterDescriptions,
        examples: [
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 100]", evidence: "tasks: {file: top-tasks.csv, source: measured}",
                            files: ["top-tasks.csv": exampleSheet], expect: .level(3)),
            AssessorExample(parameters: "{thresholds: [20, 40, 60, 80, 100], weight-by-volume: yes}",
                            evidence: "tasks: {file: top-tasks.csv}", files: ["top-tasks.csv": exampleSheet], expect: .level(4.57)),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 100]", evidence: "{tasks: 7, total: 12}", expect: .level(2.92)),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 100]", evidence: "tasks: {file: top-tasks.csv}",
                            files: ["top-tasks.csv": "Task,Completed on phone\nPay council tax,yes\nReport a pothole,maybe\n"],
                            expect: .error("'maybe' is not yes or no")),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 100]", evidence: "tasks: {file: top-tasks.csv}",
                            files: ["top-tasks.csv": "Task,Completed on phone\n"], expect: .error("no tasks")),
            AssessorExample(parameters: "thresholds: [20, 40, 60, 80, 100]", evidence: "total: 12", expect: .notAssessed),
            // Five tasks against a minimum of 10 that refuses a level below it.
            AssessorExample(parameters: "{thresholds: [20, 40, 60, 80, 100], minimum-sample: 10, below-minimum: not-assessed}",
                            evidence: "tasks: {file: top-tasks.csv}", files: ["top-tasks.csv": exampleSheet], expect: .notAssessed),
        ])

    public init?(parameters: MappingReader, scale: Scale) {
        let weight = parameters["weight-by-volume"]?.bool() ?? false
        guard var thresholds = Thresholds(parameters: parameters, scale: scale),
              let sample = MinimumSample(parameters: parameters, default: Self.defaultMinimumTasks, unit: "tasks") else { return nil }
        if thresholds.unit.isEmpty { thresholds.unit = "%" }
        self.sample = sample
        self.weightByVolume = weight
        self.thresholds = thresholds
    }

    public func assess(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        guard input.hasFile("tasks") else { return try fromNumbers(input) }
        let file = try input.file("tasks")
        let table: CSVTable
        let taskColumn: Int, resultColumn: Int, volumeColumn: Int?, noteColumn: Int?
        do throws(CSVTable.ParseError) {
            table = try CSVTable(text: file.decodedText, file: file.path)
            taskColumn = try table.requireColumn(Self.taskColumns)
            resultColumn = try table.requireColumn(Self.resultColumns)
            volumeColumn = weightByVolume ? try table.requireColumn(Self.volumeColumns) : table.column(Self.volumeColumns)
            noteColumn = table.column(Self.noteColumns)
        } catch {
            throw input.csvError(error, in: file)
        }
        var completed: [String] = [], notCompleted: [String] = [], partly: [String] = []
        var seen: [String: Int] = [:]
        var volumeDone = 0.0, volumeAll = 0.0
        for row in table.rows {
            let task = row[taskColumn]
            guard !task.isEmpty else {
                throw file.error("the task name is empty", line: row.line, column: taskColumn + 1, hint: "name every task, or delete the row")
            }
            if let first = seen[task.lowercased()] {
                throw file.error("the task '\(task)' is listed twice (first on line \(first))", line: row.line, column: taskColumn + 1,
                                 hint: "list each top task once")
            }
            seen[task.lowercased()] = row.line
            let answer = row[resultColumn].lowercased()
            var volume = 0.0
            if let volumeColumn {
                do throws(CSVTable.ParseError) { volume = try table.number(row, volumeColumn) } catch { throw input.csvError(error, in: file) }
                guard volume >= 0 else {
                    throw file.error("the volume '\(row[volumeColumn])' is negative", line: row.line, column: volumeColumn + 1)
                }
                volumeAll += volume
            }
            let note = noteColumn.map { row[$0] }.flatMap { $0.isEmpty ? nil : $0 }
            let described = note.map { "\(task) (\($0))" } ?? task
            if Self.yes.contains(answer) {
                completed.append(task)
                volumeDone += volume
            } else if Self.no.contains(answer) {
                notCompleted.append(described)
            } else if Self.partly.contains(answer) {
                partly.append(described)
            } else {
                throw file.error("'\(row[resultColumn])' is not yes or no (\(table.header[resultColumn]) for '\(task)')",
                                 line: row.line, column: resultColumn + 1,
                                 hint: "write yes if the task could be finished on the phone, no or partly if not")
            }
        }
        let total = completed.count + notCompleted.count + partly.count
        guard total > 0 else {
            throw file.error("the sheet has no tasks", line: table.headerLine, column: 1, hint: "add one row per top task tested")
        }
        let countShare = Double(completed.count) / Double(total) * 100
        var share = countShare
        var findings = [
            Finding("tasks", "Top tasks tested", .number(Double(total), unit: nil)),
            Finding("completed", "Completed on a phone", .list(completed)),
        ]
        if !notCompleted.isEmpty { findings.append(Finding("not-completed", "Not completed on a phone", .list(notCompleted))) }
        if !partly.isEmpty { findings.append(Finding("partly", "Partly completed (counted as not completed)", .list(partly))) }
        findings.append(Finding("share", "Share of top tasks completed on a phone", .number(countShare, unit: "%")))
        var rationale = "\(completed.count) of \(total) top tasks in \(file.name) could be completed on a phone (\(Format.number(countShare, decimals: 1))%)"
        if volumeColumn != nil, volumeAll > 0 {
            let weighted = volumeDone / volumeAll * 100
            findings.append(Finding("volume-share", "Share of task volume completable on a phone", .number(weighted, unit: "%")))
            rationale += ", covering \(Format.number(weighted, decimals: 1))% of their volume"
            if weightByVolume { share = weighted }
        } else if weightByVolume {
            throw file.error("the volumes add up to zero", line: table.headerLine, column: 1, hint: "give each task's yearly volume")
        }
        rationale += ". " + thresholds.explain(share, measure: weightByVolume ? "The volume-weighted share" : "The share")
        return try sample.apply(count: total, to: AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: findings))
    }

    private func fromNumbers(_ input: AssessorInput) throws(AssessmentIssue) -> AssessorResult {
        let (done, total) = try input.partAndWhole("tasks", of: "total", part: "tasks completed", whole: "the number of tasks")
        let share = done / total * 100
        let rationale = "\(Format.number(done)) of \(Format.number(total)) top tasks can be completed on a phone (\(Format.number(share, decimals: 1))%). "
            + thresholds.explain(share, measure: "The share")
        return AssessorResult(.level(thresholds.level(for: share)), rationale: rationale, findings: [
            Finding("completed-count", "Tasks completed on a phone", .number(done, unit: nil)),
            Finding("tasks", "Top tasks tested", .number(total, unit: nil)),
            Finding("share", "Share of top tasks completed on a phone", .number(share, unit: "%")),
        ])
    }
}
