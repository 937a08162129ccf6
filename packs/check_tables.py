#!/usr/bin/env python3
"""Check that each pack's importer table (source/questions.csv) says what its rubrics say.

For every pack folder given (default: every folder here with a pack.yaml), each CSV row must match the
criterion with its id: dimension, section, options (`value=points|level|MEANING "label"`, `;`-separated, in
order), `when` (`<parent> = <value>, <value>`), weight and core, in the syntax of docs/import.md; the counts
must be equal. `assess import` is the reference reader (a Swift test imports these tables and scores each
pack's worked example with them); this script is a quick check for the generators. Needs PyYAML.
Usage: python3 packs/check_tables.py [packs/dma-government ...]
"""
import csv
import os
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def split(text, separator):
    """Splits at `separator` outside double quotes (a doubled quote stays inside)."""
    pieces, current, quoted = [], "", False
    for character in text:
        if character == '"':
            quoted = not quoted
        if character == separator and not quoted:
            pieces.append(current)
            current = ""
        else:
            current += character
    return pieces + [current]


def option(piece):
    """`value=number "label"` as (value, number, label)."""
    piece = piece.strip()
    label = None
    if piece.endswith('"'):
        start = piece.index('"')
        label = piece[start + 1:-1].replace('""', '"')
        piece = piece[:start].strip()
    value, _, worth = piece.rpartition("=")
    return value.strip(), worth.strip(), label


def check(pack):
    with open(os.path.join(pack, "source", "questions.csv"), encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    with open(os.path.join(pack, "framework.yaml"), encoding="utf-8") as handle:
        framework = yaml.safe_load(handle)
    criteria = {}
    for dimension in framework["dimensions"]:
        with open(os.path.join(pack, dimension["rubric"]), encoding="utf-8") as handle:
            rubric = yaml.safe_load(handle)
        for criterion in rubric["criteria"]:
            criteria[criterion["id"]] = (rubric["id"], criterion)
    problems = []
    if len(rows) != len(criteria):
        problems.append(f"{len(rows)} rows in the table, {len(criteria)} criteria in the rubrics")
    for row in rows:
        if row["id"] not in criteria:
            problems.append(f"{row['id']}: in the table, not in the rubrics")
            continue
        dimension, criterion = criteria[row["id"]]
        options = [option(o) for o in split(row["options"], ";") if o.strip()]
        expected = [(o["value"], str(o.get("points", o.get("level", o.get("means")))), o.get("label"))
                    for o in criterion["parameters"]["options"]]
        when = criterion.get("when")
        expected_when = f"{when['answer-of']} = " + ", ".join(when["in"]) if when else ""
        checks = [("dimension", row["dimension"], dimension), ("section", row["section"], criterion.get("section", "")),
                  ("options", options, expected), ("when", row["when"], expected_when),
                  ("weight", row["weight"] or "1", str(criterion.get("weight", 1))),
                  ("core", row["core"] == "true", criterion.get("core", False))]
        problems += [f"{row['id']}: {name} is {got!r} in the table, {want!r} in the rubric"
                     for name, got, want in checks if got != want]
    return len(rows), problems


def main():
    packs = sys.argv[1:] or sorted(os.path.join(HERE, d) for d in os.listdir(HERE)
                                   if os.path.exists(os.path.join(HERE, d, "pack.yaml")))
    failed = False
    for pack in packs:
        count, problems = check(pack)
        print(f"{os.path.basename(pack)}: {count} questions, {'OK' if not problems else f'{len(problems)} problems'}")
        for problem in problems:
            print("  " + problem)
        failed = failed or bool(problems)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
