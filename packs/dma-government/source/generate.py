#!/usr/bin/env python3
"""Generate the dma-government pack from the published model.

Reads  source/DMAG2023.json  (the CDDO Data Maturity Assessment for Government, 2023, as published in
       JSON by the Open Data Institute's maturity assessment tool, github.com/theodi/maturity.theodi.org,
       file private/assessments/DMAG2023.json, commit b66206a3dbb7176b48e5a1ae89620898b081ae62)
Writes framework.yaml, one rubric per topic (<topic-id>.yaml) in the pack folder, and
       source/questions.csv, the same questions in the importer format of SPEC-11 ("Importer"), so that
       `assess import source/questions.csv` can be checked against this pack.

Mapping (NOTES.md explains the decisions):
  topic (JSON "dimensions")            -> dimension (one rubric each), weight 1
  theme within a topic ("activities")  -> section, no weight (sections only group; the topic pools its rows)
  row ("questions")                    -> criterion, assessor `options`, levels scoring, `core: true`
  statement at level n                 -> option {value: <level name>, label: <statement>, level: n}
  blank answer                         -> option {value: "", means: unanswered}

Usage: python3 packs/dma-government/source/generate.py   (Python 3.8+, standard library only)
Output is deterministic: running it twice gives identical files.
"""
import csv
import io
import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
PACK = os.path.dirname(HERE)
SOURCE = os.path.join(HERE, "DMAG2023.json")

# Short codes for row ids (criterion ids must be unique across the framework, lower case).
TOPIC_CODES = {
    "Engaging with others": "ewo",
    "Having the right data skills and knowledge": "skl",
    "Having the right systems": "sys",
    "Knowing the data you have": "kdh",
    "Making decisions with data": "dec",
    "Managing and using data ethically": "eth",
    "Managing your data": "mgd",
    "Protecting your data": "pro",
    "Setting your data direction": "dir",
    "Taking responsibility for data": "res",
}
# The six themes (CDDO 2023) in the framework's own order; short descriptions in our own words.
THEMES = ["Uses", "Data", "Leadership", "Culture", "Tools", "Skills"]
# The JSON carries only the level names. These one-line summaries are OUR wording, not CDDO's: levels 1 and 5
# follow the framework as reported by PublicTechnology (29 March 2023: "beginning" = compliance with minimum
# legal requirements and very limited data literacy; "mastering" = seen as an exemplar); levels 2-4 are a
# plain reading of the level names. NOTES.md says so; replace them with the framework's text if wanted.
LEVEL_DESCRIPTIONS = {
    "Beginning": "Meets little more than minimum legal requirements; data literacy is very limited.",
    "Emerging": "Some good practice in places, depending on individuals rather than the organisation.",
    "Learning": "Practice is being defined and adopted, but unevenly across the organisation.",
    "Developing": "Practice is embedded across most of the organisation and reviewed regularly.",
    "Mastering": "Consistent, proactive practice across the organisation, seen by others as an exemplar.",
}

ATTRIBUTION = ("Contains public sector information licensed under the Open Government Licence v3.0: "
               "Data Maturity Assessment for Government, Central Digital and Data Office (CDDO), 2023; "
               "transcribed as JSON by the Open Data Institute (theodi/maturity.theodi.org).")


def q(text):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def load():
    with open(SOURCE, encoding="utf-8") as handle:
        model = json.load(handle)
    levels = model["levels"]
    assert levels == ["Beginning", "Emerging", "Learning", "Developing", "Mastering"], levels
    topics = []
    for dimension in model["dimensions"]:
        name = dimension["name"].strip()
        code = TOPIC_CODES[name]
        rows, sections, number = [], [], 0
        for activity in dimension["activities"]:
            theme = activity["title"].strip()
            assert theme in THEMES, theme
            section_id = f"{code}-{slug(theme)}"
            sections.append({"id": section_id, "title": theme})
            for question in activity["questions"]:
                number += 1
                statements = sorted(question["statements"], key=lambda s: s["associatedLevel"])
                assert [s["associatedLevel"] for s in statements] == [1, 2, 3, 4, 5]
                rows.append({
                    "id": f"{code}-{number:02d}",
                    "text": question["text"].strip(),
                    "context": question.get("context", "").strip(),
                    "section": section_id,
                    "theme": theme,
                    "options": [(levels[s["associatedLevel"] - 1], s["text"].strip(), s["associatedLevel"])
                                for s in statements],
                })
        topics.append({"name": name, "id": slug(name), "code": code, "sections": sections, "rows": rows})
    return model, levels, topics


def title_of(row_text):
    return row_text.rstrip(".")


def write_rubric(topic, levels):
    out = io.StringIO()
    w = out.write
    w("# Generated by source/generate.py from source/DMAG2023.json: edit the generator, not this file.\n")
    w(f"# {ATTRIBUTION}\n")
    w(f"id: {topic['id']}\n")
    w(f"title: {q(topic['name'])}\n")
    w('version: "2023"\n')
    w(f"description: {q('Topic of the Data Maturity Assessment for Government (CDDO, 2023): ' + str(len(topic['rows'])) + ' rows in ' + str(len(topic['sections'])) + ' themes. Each row is answered with the statement that best describes the organisation, at one of five maturity levels.')}\n")
    w("levels:\n")
    for number, name in enumerate(levels, start=1):
        w(f"  {number}: {q(name + ': ' + LEVEL_DESCRIPTIONS[name])}\n")
    w("sections:\n")
    for section in topic["sections"]:
        w(f"  - {{id: {section['id']}, title: {q(section['title'])}}}\n")
    w("criteria:\n")
    for row in topic["rows"]:
        w(f"  - id: {row['id']}\n")
        w(f"    title: {q(title_of(row['text']))}\n")
        w(f"    section: {row['section']}\n")
        w("    core: true                  # weakest link: the topic's level is its lowest row's (NOTES.md, D2)\n")
        w(f"    question: {q(row['text'] + ' Which statement best describes your organisation?')}\n")
        if row["context"]:
            w(f"    guidance: {q(row['context'])}\n")
        w("    assessor: options\n")
        w(f"    evidence: {{answer: answers.{row['id']}}}\n")
        w("    parameters:\n")
        w("      options:\n")
        for value, label, level in row["options"]:
            w(f"        - value: {q(value)}\n")
            w(f"          label: {q(label)}\n")
            w(f"          level: {level}\n")
        w('        - {value: "", means: unanswered}\n')
    path = os.path.join(PACK, topic["id"] + ".yaml")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(out.getvalue())


def write_framework(model, levels, topics):
    descriptions = LEVEL_DESCRIPTIONS
    w = []
    w.append("# Generated by source/generate.py from source/DMAG2023.json: edit the generator, not this file.")
    w.append(f"# {ATTRIBUTION}")
    w.append("id: dma-government")
    w.append(f"title: {q('Data Maturity Assessment for Government')}")
    w.append('version: "2023"')
    w.append("description: " + q(
        "The UK government's Data Maturity Assessment (Central Digital and Data Office, 2023): 97 rows in "
        "10 topics, each row placed by the organisation at one of five maturity levels, from Beginning to "
        "Mastering. Rows are also grouped by six themes (uses, data, leadership, culture, tools, skills); "
        "inside each topic the themes are its sections. A topic's score is the mean level of its rows "
        "and its level the lowest level all its rows reach, as the ODI's tool computes it (NOTES.md)."))
    w.append("scoring: levels")
    w.append("overall: mean")
    w.append("scale:")
    w.append("  levels:")
    for number, name in enumerate(levels, start=1):
        w.append(f"    - level: {number}")
        w.append(f"      name: {name}")
        w.append(f"      description: {q(descriptions[name])}")
    w.append("answers:")
    w.append("  unanswered: exclude        # a row left blank is not assessed: coverage drops (NOTES.md, decision D3)")
    w.append("  match: {trim: true, case: insensitive}")
    w.append("# The ODI tool gives a topic the lowest level all its rows reach, and no level while a row is")
    w.append("# unanswered: every row is `core: true`, and an unanswered core row withholds the level (NOTES.md, D2).")
    w.append("aggregation:")
    w.append("  unverified-core: withhold")
    w.append("dimensions:")
    for topic in topics:
        w.append(f"  - rubric: {topic['id']}.yaml")
        w.append("    weight: 1")
    with open(os.path.join(PACK, "framework.yaml"), "w", encoding="utf-8") as handle:
        handle.write("\n".join(w) + "\n")


def label(text):
    """An option's label as the importer reads it: in double quotes, a quote inside doubled (docs/import.md)."""
    return '"' + text.replace('"', '""') + '"'


def write_csv(topics):
    # The columns of `assess export-table`, in its order (docs/import.md). The numbers in `options` are levels: the
    # table holds no settings, so import it with `assess import questions.csv --out DIR --base dma-government`,
    # which takes `scoring: levels`, the scale and the answer rules from framework.yaml.
    columns = ["dimension", "dimension-title", "dimension-description", "dimension-weight", "section", "section-title",
               "section-weight", "id", "title", "question", "guidance", "weight", "core", "options", "points", "means",
               "when", "applies-to"]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for topic in topics:
        titles = {s["id"]: s["title"] for s in topic["sections"]}
        description = ("Topic of the Data Maturity Assessment for Government (CDDO, 2023): " + str(len(topic["rows"]))
                       + " rows in " + str(len(topic["sections"])) + " themes. Each row is answered with the statement"
                       " that best describes the organisation, at one of five maturity levels.")
        first = True
        for row in topic["rows"]:
            options = "; ".join(f"{value}={level} {label(text)}" for value, text, level in row["options"]) + "; =unanswered"
            writer.writerow([topic["id"], topic["name"], description if first else "", 1 if first else "",
                             row["section"], titles[row["section"]], "",
                             row["id"], title_of(row["text"]),
                             row["text"] + " Which statement best describes your organisation?",
                             row["context"], "", "true", options, "", "", "", ""])
            first = False
    with open(os.path.join(HERE, "questions.csv"), "w", encoding="utf-8") as handle:
        handle.write(out.getvalue())


def main():
    model, levels, topics = load()
    for topic in topics:
        write_rubric(topic, levels)
    write_framework(model, levels, topics)
    write_csv(topics)
    rows = sum(len(t["rows"]) for t in topics)
    sections = sum(len(t["sections"]) for t in topics)
    assert rows == 97, rows  # "97 specific areas" (CDDO, 2023)
    print(f"dma-government: {len(topics)} topics, {sections} sections (topic x theme cells), {rows} rows")


if __name__ == "__main__":
    main()
