import AssessCore
