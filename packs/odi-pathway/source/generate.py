#!/usr/bin/env python3
"""Generate the odi-pathway pack from the published questionnaire.

Reads  source/survey.xls  (the Open Data Institute's Open Data Pathway questionnaire, from
       github.com/theodi/pathway, file survey/survey.xls, last changed in commit
       59e2819e15052cd054618acb3f336a6479e38ed4 of 7 May 2015; MIT licence, see source/README.md)
Writes framework.yaml, one rubric per theme (<theme-id>.yaml) in the pack folder, and
       source/questions.csv, the same questions in the importer format of SPEC-11 ("Importer").

How the published tool scores (theodi/pathway, lib/assessment_scorer.rb, app/models/activity.rb):
  - an activity's questions are asked in order until the first *negative* answer (column "Positive?" = N)
    or the last question; the activity's score (1-5) is the "Maturity Score" of the last answer given;
  - a theme ("Dimension") scores the sum of its activities' scores out of 5 x its number of activities;
  - the total is the sum over themes out of 5 x all activities (the CSV export's "Total" row).

How the pack encodes it (NOTES.md, decision P1):
  - theme -> dimension (rubric), weight = its number of activities (so the overall equals the total);
  - activity -> section, weight 1 (every activity is out of 5, so this equals the pooled sum);
  - question -> options criterion, `when:` the previous question of its activity got a positive answer;
  - `maximum: fixed` with `skipped: zero`: a question not asked counts 0 with its maximum counted;
  - an answer's points are the rise in the activity's score it brings, so that along every path the points
    add up to the published score of the last answer, and every activity's maximum is 5. The script proves
    this for every path of every activity before writing anything (check_paths).

Usage: python3 packs/odi-pathway/source/generate.py    (Python 3.8+ and xlrd 2: `pip install xlrd`)
Output is deterministic.
"""
import csv
import io
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PACK = os.path.dirname(HERE)
SOURCE = os.path.join(HERE, "survey.xls")

LEVELS = [  # the Pathway's level names, as on pathway.theodi.org/statistics
    ("Initial", "Processes are ad hoc, if any; open data depends on individuals."),
    ("Repeatable", "Some processes are defined and repeated, though not across the organisation."),
    ("Defined", "Processes are defined, documented and adopted across the organisation."),
    ("Managed", "Processes are measured and reviewed."),
    ("Optimising", "Processes are continually improved from measurement and shared with others."),
]
ATTRIBUTION = ("Open Data Pathway questionnaire, Copyright (c) 2013 The Open Data Institute, "
               "MIT licence (github.com/theodi/pathway, survey/survey.xls).")


def q(text):
    return json.dumps(text, ensure_ascii=False)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("&", "and")).strip("-")


def cell(value):
    return value.strip() if isinstance(value, str) else value


def load():
    try:
        import xlrd
    except ImportError:
        sys.exit("generate.py needs xlrd 2 to read survey.xls: pip install xlrd")
    book = xlrd.open_workbook(SOURCE)
    themes = []  # [{name, activities: [{name, questions: [...]}]}]
    by_activity = {}
    sheet = book.sheet_by_name("activities")
    for r in range(1, sheet.nrows):
        theme, activity = (cell(v) for v in sheet.row_values(r)[:2])
        if not themes or themes[-1]["name"] != theme:
            themes.append({"name": theme, "id": slug(theme), "activities": []})
        entry = {"name": activity, "id": slug(activity), "questions": []}
        themes[-1]["activities"].append(entry)
        by_activity[activity] = entry
    sheet = book.sheet_by_name("questions")
    question = None
    for r in range(1, sheet.nrows):
        row = [cell(v) for v in sheet.row_values(r)]
        if row[0]:
            question = {"code": row[0], "id": row[0].lower(), "theme": row[1], "activity": row[2],
                        "text": row[3], "notes": row[4], "dependency": row[5], "answers": []}
            by_activity[row[2]]["questions"].append(question)
        positive = {"Y": True, "N": False}[row[8]]
        score = None if row[9] == "" else int(row[9])
        question["answers"].append({"code": row[6], "text": row[7], "positive": positive, "score": score})
    return themes


def assign_points(activity):
    """Points per answer so that every path sums to the published score (see module docstring).

    credit[i] is what the positive answers of questions 0..i are worth together. For question i (not the
    last) a negative answer earns score - credit[i-1] and a positive one credit[i] - credit[i-1]; the last
    question's answers earn score - credit[last-1]. Every path then adds up to the score of its last
    answer. Valid credits keep every answer at 0 points or more and the positive answers the best of their
    question (so an activity's maximum is the top score, 5). Among valid credit sequences the script picks
    the one with fewest questions worth 0 at best, then the flattest (smallest largest maximum), then the
    lowest credits, by trying them all (at most 6 values for at most 7 questions).
    """
    questions = activity["questions"]
    last = len(questions) - 1
    for question in questions[:last]:
        assert all(a["score"] is not None for a in question["answers"] if not a["positive"]), question["code"]
    assert all(a["score"] is not None for a in questions[last]["answers"]), questions[last]["code"]

    def negatives(i):
        return [a["score"] for a in questions[i]["answers"] if not a["positive"]]

    def answer_points(credits):
        table, previous = [], 0
        for i, question in enumerate(questions):
            row = []
            for answer in question["answers"]:
                if i == last:
                    row.append((answer["score"] - previous, True))
                elif answer["positive"]:
                    row.append((credits[i] - previous, False))
                else:
                    row.append((answer["score"] - previous, True))
            table.append(row)
            previous = credits[i] if i < last else previous
        return table

    best = None

    def search(i, credits):
        nonlocal best
        if i == last:
            table = answer_points(credits)
            if any(points < 0 for row in table for points, _ in row):
                return
            if any(max(p for p, _ in row) != max(p for (p, ends), a in zip(row, q["answers"])
                                                   if not ends or i2 == last)
                   for i2, (row, q) in enumerate(zip(table, questions))):
                return
            maxima = [max(p for p, _ in row) for row in table]
            key = (maxima.count(0), max(maxima), credits)
            if best is None or key < best[0]:
                best = (key, table)
            return
        low = max([credits[-1] if credits else 0] + negatives(i))
        for value in range(low, 6):
            search(i + 1, credits + [value])

    search(0, [])
    assert best is not None, activity["name"]
    for question, row in zip(questions, best[1]):
        for answer, (points, ends) in zip(question["answers"], row):
            answer["points"], answer["ends"] = points, ends


def check_paths(activity):
    """Enumerate every path through the activity: points must add up to the published score, max 5."""
    questions = activity["questions"]
    results = []

    def walk(i, total):
        for answer in questions[i]["answers"]:
            points = total + answer["points"]
            if answer["ends"]:
                assert points == answer["score"], (activity["name"], answer["code"], points, answer["score"])
                results.append(points)
            else:
                walk(i + 1, points)

    walk(0, 0)
    maximum = sum(max(a["points"] for a in question["answers"]) for question in questions)
    assert maximum == 5 == max(results), (activity["name"], maximum, max(results))
    return len(results)


def write_rubric(theme):
    out = io.StringIO()
    w = out.write
    w("# Generated by source/generate.py from source/survey.xls: edit the generator, not this file.\n")
    w(f"# {ATTRIBUTION}\n")
    w("# Each option's comment gives the published Maturity Score and whether the answer ends the activity;\n")
    w("# `points:` is the rise in the activity's score the answer brings (NOTES.md, decision P1).\n")
    w(f"id: {theme['id']}\n")
    w(f"title: {q(theme['name'])}\n")
    w('version: "2015"\n')
    names = ", ".join(a["name"] for a in theme["activities"])
    w(f"description: {q('Theme of the ODI Open Data Pathway: ' + names + '. Each activity scores 1 to 5.')}\n")
    w("levels:\n")
    for number, (name, text) in enumerate(LEVELS, start=1):
        w(f"  {number}: {q(name + ': ' + text)}\n")
    w("sections:\n")
    for activity in theme["activities"]:
        w(f"  - {{id: {activity['id']}, title: {q(activity['name'])}, weight: 1}}\n")
    w("criteria:\n")
    for activity in theme["activities"]:
        previous = None
        for question in activity["questions"]:
            top = max(a["points"] for a in question["answers"])
            w(f"  - id: {question['id']}\n")
            w(f"    title: {q(question['text'])}\n")
            w(f"    section: {activity['id']}\n")
            w(f"    question: {q(question['text'])}\n")
            if question["notes"]:
                w(f"    guidance: {q(question['notes'])}\n")
            if top == 0:
                w("    weight: 0                     # every answer is worth 0 points here; the question only steers the path\n")
            w("    assessor: options\n")
            w(f"    evidence: {{answer: answers.{question['id']}}}\n")
            if previous is not None:
                positives = ", ".join(q(a["code"]) for a in previous["answers"] if a["positive"])
                w(f"    when: {{answer-of: {previous['id']}, in: [{positives}]}}\n")
            w("    parameters:\n")
            w("      options:\n")
            for answer in question["answers"]:
                published = "no score" if answer["score"] is None else f"score {answer['score']}"
                path = "ends the activity" if answer["ends"] else "continues"
                w(f"        - value: {q(answer['code'])}       # published: {published}, {path}\n")
                w(f"          label: {q(answer['text'])}\n")
                w(f"          points: {answer['points']}\n")
            w('        - {value: "", means: unanswered}\n')
            previous = question
    with open(os.path.join(PACK, theme["id"] + ".yaml"), "w", encoding="utf-8") as handle:
        handle.write(out.getvalue())


def write_framework(themes):
    total_activities = sum(len(t["activities"]) for t in themes)
    w = [
        "# Generated by source/generate.py from source/survey.xls: edit the generator, not this file.",
        f"# {ATTRIBUTION}",
        "id: odi-pathway",
        f"title: {q('ODI Open Data Pathway')}",
        'version: "2015"',
        "description: " + q(
            "The Open Data Institute's Open Data Pathway (2015), a self-assessment of open data maturity: "
            f"{sum(len(a['questions']) for t in themes for a in t['activities'])} questions in "
            f"{total_activities} activities and {len(themes)} themes. Questions follow a tree: an activity "
            "stops at the first negative answer, and the last answer gives the activity's score from 1 to 5. "
            "A theme scores the sum of its activities out of 5 each."),
        "scoring: points",
        "overall: weighted-mean     # weights = activities per theme, so the overall is the published total",
        "# An activity's percentage is its score x 20; level n starts at the score n (1 = 20%, 5 = 100%).",
        "bands: [0, 40, 60, 80, 100]",
        "maximum: fixed",
        "answers:",
        "  unanswered: zero         # the tool cannot finish an assessment with an activity unanswered (NOTES.md, P4)",
        "  skipped: zero            # a question not asked after a negative answer: 0, its maximum counted",
        "  unscorable: zero",
        "  match: {trim: true, case: insensitive}",
        "scale:",
        "  levels:",
    ]
    for number, (name, text) in enumerate(LEVELS, start=1):
        w += [f"    - level: {number}", f"      name: {name}", f"      description: {q(text)}"]
    w.append("dimensions:")
    for theme in themes:
        w += [f"  - rubric: {theme['id']}.yaml", f"    weight: {len(theme['activities'])}"]
    with open(os.path.join(PACK, "framework.yaml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(w) + "\n")


def label(text):
    """An option's label as the importer reads it: in double quotes, a quote inside doubled (docs/import.md)."""
    return '"' + text.replace('"', '""') + '"'


def write_csv(themes):
    # The columns of `assess export-table`, in its order (docs/import.md); the method's settings are not in the
    # table: `assess import questions.csv --out DIR --base odi-pathway` takes them from framework.yaml.
    columns = ["dimension", "dimension-title", "dimension-description", "dimension-weight", "section", "section-title",
               "section-weight", "id", "title", "question", "guidance", "weight", "core", "options", "points", "means",
               "when", "applies-to"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for theme in themes:
        names = ", ".join(a["name"] for a in theme["activities"])
        description = "Theme of the ODI Open Data Pathway: " + names + ". Each activity scores 1 to 5."
        first = True
        for activity in theme["activities"]:
            previous = None
            for question in activity["questions"]:
                options = "; ".join(f"{a['code']}={a['points']} {label(a['text'])}" for a in question["answers"]) + "; =unanswered"
                top = max(a["points"] for a in question["answers"])
                when = ""
                if previous is not None:
                    when = previous["id"] + " = " + ", ".join(a["code"] for a in previous["answers"] if a["positive"])
                writer.writerow([theme["id"], theme["name"], description if first else "",
                                 len(theme["activities"]) if first else "", activity["id"], activity["name"], 1,
                                 question["id"], question["text"], question["text"], question["notes"],
                                 0 if top == 0 else "", "", options, "", "", when, ""])
                first = False
                previous = question
    with open(os.path.join(HERE, "questions.csv"), "w", encoding="utf-8") as handle:
        handle.write(out.getvalue())


def main():
    themes = load()
    paths = 0
    for theme in themes:
        for activity in theme["activities"]:
            assign_points(activity)
            paths += check_paths(activity)
    for theme in themes:
        write_rubric(theme)
    write_framework(themes)
    write_csv(themes)
    questions = sum(len(a["questions"]) for t in themes for a in t["activities"])
    answers = sum(len(qn["answers"]) for t in themes for a in t["activities"] for qn in a["questions"])
    activities = sum(len(t["activities"]) for t in themes)
    assert (len(themes), activities, questions, answers) == (5, 15, 83, 185)
    print(f"odi-pathway: {len(themes)} themes, {activities} activities (sections), {questions} questions, "
          f"{answers} answers, {paths} paths checked")


if __name__ == "__main__":
    main()
