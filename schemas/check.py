#!/usr/bin/env python3
"""Checks the JSON Schemas in schemas/ against the repository's own files.

Usage: python3 schemas/check.py PATH/TO/assess

- every rubric in rubrics/ against rubric.schema.json, rubrics/framework.yaml against framework.schema.json;
- every evidence file in examples/ against evidence.schema.json;
- the output of `assess score EXAMPLE --format json` for every example against assessment.schema.json, and
  the output for a varied example (points scoring, --date, a not-applicable, an unusable and a missing fact);
- a few deliberately broken inputs, each of which must be rejected (so the schemas are not vacuous);
- every built-in pack (packs/*/pack.yaml): its framework.yaml and rubrics, its worked examples, and the result
  of scoring each example: a fixed maximum and `when:` (skipped questions counted zero), weighted and grouping
  sections, `exactScore` null without rounding and set with it (the pack copied with a `rounding:` added);
- the evidence schema `assess schema` generates from the built-in framework: deterministic, accepting every
  example and `assess init`'s starter file, rejecting a number written 38%, an unknown checklist item, an
  answer that is not an option and a rating out of range.
- the output of `assess roadmap EXAMPLE --format json` against roadmap.schema.json;
- a few deliberately broken inputs, each of which must be rejected (so the schemas are not vacuous).

Prints one line per check and a final 'N passed, M failed' line; exits 1 if anything failed, 2 on bad usage.
Needs Python 3.8+, jsonschema 4.x and PyYAML.
"""

import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import jsonschema
import yaml

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"


def as_json(data):
    """YAML data as an editor sees it: mapping keys as strings (1: ... becomes "1"), dates as text."""
    return json.loads(json.dumps(data, default=str))


def load_yaml(path):
    with open(path, encoding="utf-8") as handle:
        return as_json(yaml.safe_load(handle))


def validator(name):
    schema = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def problems(check, instance):
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in sorted(check.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path)))
    ]


class Report:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def valid(self, label, check, instance):
        found = problems(check, instance)
        if found:
            self.failed += 1
            print(f"FAIL {label}")
            for problem in found[:10]:
                print(f"     {problem[:300]}")
        else:
            self.passed += 1
            print(f"ok   {label}")

    def invalid(self, label, check, instance):
        if problems(check, instance):
            self.passed += 1
            print(f"ok   {label} (rejected as it should be)")
        else:
            self.failed += 1
            print(f"FAIL {label}: accepted, but should be rejected")

    def error(self, label, message):
        self.failed += 1
        print(f"FAIL {label}: {message}")


def pack_framework_of(root, pack_id):
    """A built-in pack's framework.yaml, as data."""
    return load_yaml(root / "packs" / pack_id / "framework.yaml")


def main(argv):
    if len(argv) != 2:
        print("usage: check.py PATH/TO/assess", file=sys.stderr)
        return 2
    assess = os.path.abspath(argv[1]) if os.sep in argv[1] else argv[1]  # commands run from the repository root
    report = Report()
    framework_schema = validator("framework.schema.json")
    rubric_schema = validator("rubric.schema.json")
    evidence_schema = validator("evidence.schema.json")
    assessment_schema = validator("assessment.schema.json")
    roadmap_schema = validator("roadmap.schema.json")

    rubric_files = sorted(p for p in (ROOT / "rubrics").glob("*.yaml") if p.name != "framework.yaml")
    example_files = sorted((ROOT / "examples").glob("*.yaml"))

    # The repository's own files must be valid.
    framework = load_yaml(ROOT / "rubrics" / "framework.yaml")
    report.valid("rubrics/framework.yaml", framework_schema, framework)
    rubrics = {}
    for path in rubric_files:
        rubrics[path.name] = load_yaml(path)
        report.valid(f"rubrics/{path.name}", rubric_schema, rubrics[path.name])
    evidence = {}
    for path in example_files:
        evidence[path.name] = load_yaml(path)
        report.valid(f"examples/{path.name}", evidence_schema, evidence[path.name])
    outputs = {}
    for path in example_files:
        label = f"assess score examples/{path.name} --format json"
        try:
            run = subprocess.run([assess, "score", str(path), "--format", "json"], cwd=ROOT,
                                 capture_output=True, text=True, timeout=120)
        except OSError as error:
            report.error(label, str(error))
            continue
        if run.returncode != 0:
            report.error(label, f"exit {run.returncode}: {run.stderr.strip()[:300]}")
            continue
        try:
            outputs[path.name] = json.loads(run.stdout)
        except json.JSONDecodeError as error:
            report.error(label, f"not JSON: {error}")
            continue
        report.valid(label, assessment_schema, outputs[path.name])

    # Roadmaps: every example, and one with a start date and a team's capacity.
    for path in example_files:
        for extra in ([], ["--start", "2026-05-10", "--target", "4", "--capacity", "30", "--capacity", "Digital Lead=10"]):
            label = f"assess roadmap examples/{path.name} {' '.join(extra)} --format json".replace("  ", " ")
            run = subprocess.run([assess, "roadmap", str(path), "--format", "json"] + extra, cwd=ROOT,
                                 capture_output=True, text=True, timeout=120)
            if run.returncode != 0:
                report.error(label, f"exit {run.returncode}: {run.stderr.strip()[:300]}")
                continue
            roadmap = json.loads(run.stdout)
            report.valid(label, roadmap_schema, roadmap)
            broken = copy.deepcopy(roadmap)
            broken["start"] = "quarter 1"
            report.invalid(f"roadmap {path.name}: a start that is not a financial-year quarter", roadmap_schema, broken)

    # Points scoring, a dated report, and every criterion status: the nullable parts of the output.
    label = "assess score (points scoring, --date, not-applicable, error and missing facts) --format json"
    if example_files:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "framework"
            shutil.copytree(ROOT / "rubrics", folder)
            framework_file = folder / "framework.yaml"
            text = framework_file.read_text(encoding="utf-8")
            framework_file.write_text(re.sub(r"(?m)^scoring: .*$", "scoring: points", text) if re.search(
                r"(?m)^scoring:", text) else text + "\nscoring: points\n", encoding="utf-8")
            varied = copy.deepcopy(evidence[example_files[0].name])
            keys = list(varied.get("facts") or {})
            if len(keys) >= 3:
                varied["facts"][keys[0]] = {"not-applicable": "Checking the schema."}
                varied["facts"][keys[1]] = "lots"
                del varied["facts"][keys[2]]
            evidence_file = Path(scratch) / "varied.json"
            evidence_file.write_text(json.dumps(varied), encoding="utf-8")
            try:
                run = subprocess.run([assess, "score", str(evidence_file), "--framework", str(folder), "--format",
                                      "json", "--date", "2025-01-31"], cwd=ROOT, capture_output=True, text=True,
                                     timeout=120)
            except OSError as error:
                run = subprocess.CompletedProcess([], 127, "", str(error))
        if run.returncode != 0:
            report.error(label, f"exit {run.returncode}: {run.stderr.strip()[:300]}")
        else:
            output = json.loads(run.stdout)
            report.valid(label, assessment_schema, output)
            statuses = {c["status"] for d in output.get("dimensions", []) for c in d.get("criteria", [])}
            expected = {"assessed", "not-assessed", "not-applicable", "error"}
            if statuses >= expected and output.get("framework", {}).get("scoring") == "points":
                report.passed += 1
                print("ok   that output has points scoring and all four criterion statuses")
            else:
                report.error(label, f"expected points scoring and statuses {sorted(expected)}, found {sorted(statuses)}")

    # A rubric with weighted sections (sub-dimensions): the optional `sections` of a dimension, and its rubric.
    sections = ROOT / "Tests/AssessCoreTests/Fixtures/sections"
    label = "assess score (sections) --format json"
    report.valid("Tests/AssessCoreTests/Fixtures/sections/data-governance.yaml", rubric_schema,
                 as_json(load_yaml(sections / "data-governance.yaml")))
    try:
        run = subprocess.run([assess, "score", str(sections / "evidence.yaml"), "--framework", str(sections), "--format",
                              "json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    except OSError as error:
        run = subprocess.CompletedProcess([], 127, "", str(error))
    if run.returncode != 0:
        report.error(label, f"exit {run.returncode}: {run.stderr.strip()[:300]}")
    else:
        sectioned = json.loads(run.stdout)
        report.valid(label, assessment_schema, sectioned)
        broken_sections = copy.deepcopy(sectioned)
        broken_sections["dimensions"][0]["sections"][0]["weight"] = "heavy"
        report.invalid("a section whose weight is not a number", assessment_schema, broken_sections)

    # Broken inputs must be rejected.
    def broken(label, check, base, change):
        if base is None:
            report.error(label, "no base document to break")
            return
        document = copy.deepcopy(base)
        change(document)
        report.invalid(label, check, document)

    def first_criterion(assessor):
        for name, rubric in rubrics.items():
            for criterion in rubric.get("criteria", []):
                if criterion.get("assessor") == assessor:
                    return name, rubric, rubric["criteria"].index(criterion)
        return None, None, None

    # The built-in packs (packs/<id>/): pack.yaml's framework and rubrics against the framework and rubric
    # schemas, the worked examples against the evidence schema, and each example's result against the
    # assessment schema, with the constructs each pack exercises checked in the output itself.
    pack_outputs = {}
    for pack_dir in sorted(p for p in (ROOT / "packs").iterdir() if (p / "pack.yaml").is_file()):
        pack = load_yaml(pack_dir / "pack.yaml")
        framework_path = pack_dir / pack.get("framework", "framework.yaml")
        pack_framework = load_yaml(framework_path)
        report.valid(f"packs/{pack_dir.name}/{framework_path.name}", framework_schema, pack_framework)
        for dimension in pack_framework.get("dimensions", []):
            rubric_path = framework_path.parent / dimension["rubric"]
            report.valid(f"packs/{pack_dir.name}/{dimension['rubric']}", rubric_schema, load_yaml(rubric_path))
        for example in pack.get("examples", []):
            example_path = pack_dir / example
            report.valid(f"packs/{pack_dir.name}/{example}", evidence_schema, load_yaml(example_path))
            label = f"assess score packs/{pack_dir.name}/{example} --framework {pack['id']} --format json"
            run = subprocess.run([assess, "score", str(example_path), "--framework", pack["id"], "--format", "json"],
                                 cwd=ROOT, capture_output=True, text=True, timeout=120)
            if run.returncode != 0:
                report.error(label, f"exit {run.returncode}: {run.stderr.strip()[:300]}")
                continue
            output = json.loads(run.stdout)
            pack_outputs[pack["id"]] = output
            report.valid(label, assessment_schema, output)

    def expect(label, condition, detail=""):
        if condition:
            report.passed += 1
            print(f"ok   {label}")
        else:
            report.error(label, detail or "not found in the output")

    def criteria_of(output):
        return [c for d in output.get("dimensions", []) for c in d.get("criteria", [])]

    pathway = pack_outputs.get("odi-pathway")
    if pathway is None:
        report.error("odi-pathway result", "the pack's example was not scored")
    else:
        found = criteria_of(pathway)
        skipped = [c for c in found if c.get("answer") == "skipped"]
        expect("odi-pathway result: when: skips questions, counted zero out of a fixed maximum (points null, maxPoints set)",
               skipped and all(c.get("counted") == "zero" and c.get("points") is None and c.get("maxPoints") for c in skipped
                               if c.get("weight", 1) > 0),
               f"skipped criteria: {[(c['id'], c.get('counted'), c.get('maxPoints')) for c in skipped][:5]}")
        expect("odi-pathway result: weighted sections on every dimension",
               all(d.get("sections") and all(s.get("weight") is not None for s in d["sections"]) for d in pathway["dimensions"]))
        expect("odi-pathway result: no rounding declared, so every exactScore is null",
               all(d.get("exactScore") is None for d in pathway["dimensions"]) and pathway["overall"].get("exactScore") is None)
        broken_answer = copy.deepcopy(pathway)
        next(c for c in criteria_of(broken_answer) if c.get("answer") == "skipped")["answer"] = "asked-later"
        report.invalid("assessment: answer 'asked-later'", assessment_schema, broken_answer)
        broken_counted = copy.deepcopy(pathway)
        next(c for c in criteria_of(broken_counted) if c.get("counted") == "zero")["counted"] = "half"
        report.invalid("assessment: counted 'half'", assessment_schema, broken_counted)

        # The same pack with the method's figures rounded: exact figures appear beside the rounded ones.
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / "odi-pathway"
            shutil.copytree(ROOT / "packs" / "odi-pathway", folder)
            framework_file = folder / "framework.yaml"
            framework_file.write_text(framework_file.read_text(encoding="utf-8")
                                      + "\nrounding: {section: 0, dimension: 0, overall: 0}\n", encoding="utf-8")
            rounded_framework = load_yaml(framework_file)
            report.valid("odi-pathway framework.yaml with rounding:", framework_schema, rounded_framework)
            run = subprocess.run([assess, "score", str(folder / "examples" / "worked-example.yaml"), "--framework",
                                  str(folder), "--format", "json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        label = "assess score (odi-pathway with rounding) --format json"
        if run.returncode != 0:
            report.error(label, f"exit {run.returncode}: {run.stderr.strip()[:300]}")
        else:
            rounded = json.loads(run.stdout)
            report.valid(label, assessment_schema, rounded)
            expect("that output keeps the exact figures (exactScore not null) beside whole-number scores",
                   all(d.get("exactScore") is not None and float(d["score"]).is_integer() for d in rounded["dimensions"]),
                   f"{[(d.get('score'), d.get('exactScore')) for d in rounded['dimensions']]}")
        broken("framework: maximum 'partly'", framework_schema, pack_framework_of(ROOT, "odi-pathway"),
               lambda d: d.__setitem__("maximum", "partly"))
        broken("framework: answers skipped 'half'", framework_schema, pack_framework_of(ROOT, "odi-pathway"),
               lambda d: d["answers"].__setitem__("skipped", "half"))
        broken("framework: rounding mode 'up'", framework_schema, pack_framework_of(ROOT, "odi-pathway"),
               lambda d: d.__setitem__("rounding", {"overall": 0, "mode": "up"}))
        pathway_rubric = load_yaml(ROOT / "packs" / "odi-pathway" / "data-management-processes.yaml")
        broken("rubric: when without answer-of", rubric_schema, pathway_rubric,
               lambda d: d["criteria"][1]["when"].pop("answer-of"))
        broken("rubric: option meaning 'maybe'", rubric_schema, pathway_rubric,
               lambda d: d["criteria"][0]["parameters"]["options"][-1].__setitem__("means", "maybe"))

    government = pack_outputs.get("dma-government")
    if government is None:
        report.error("dma-government result", "the pack's example was not scored")
    else:
        expect("dma-government result: levels scoring with sections that only group (weight null)",
               government["framework"].get("scoring") == "levels"
               and any(d.get("sections") for d in government["dimensions"])
               and all(s.get("weight") is None for d in government["dimensions"] for s in d.get("sections", [])))
        expect("dma-government result: every criterion says how it counted",
               all(c.get("answer") and c.get("counted") for c in criteria_of(government)))

    broken("framework: unknown key 'dimension'", framework_schema, framework,
           lambda d: d.__setitem__("dimension", d.pop("dimensions")))
    broken("framework: scoring 'percent'", framework_schema, framework, lambda d: d.__setitem__("scoring", "percent"))
    broken("framework: plugin timeout 0", framework_schema, framework, lambda d: d.__setitem__("plugins", [{"path": "x", "timeout": 0}]))
    broken("framework: bands not starting at 0", framework_schema, framework,
           lambda d: d.__setitem__("bands", [10, 20, 40, 60, 80]))

    some_rubric = rubrics[rubric_files[0].name] if rubric_files else None
    broken("rubric: missing 'criteria'", rubric_schema, some_rubric, lambda d: d.pop("criteria"))
    broken("rubric: upper-case id", rubric_schema, some_rubric, lambda d: d.__setitem__("id", "Channel Shift"))
    broken("rubric: unknown criterion key 'weigth'", rubric_schema, some_rubric,
           lambda d: d["criteria"][0].__setitem__("weigth", 2))
    broken("rubric: level key 'high'", rubric_schema, some_rubric, lambda d: d["levels"].__setitem__("high", "x"))
    broken("rubric: action without effort", rubric_schema, some_rubric,
           lambda d: d.__setitem__("actions", [{"id": "a", "title": "t", "description": "d", "raises": {"x": 2}}]))

    for assessor, change, what in [
        ("threshold", lambda c: c["parameters"].pop("thresholds"), "threshold without thresholds"),
        ("threshold", lambda c: c["parameters"].__setitem__("direction", "up"), "threshold direction 'up'"),
        ("threshold", lambda c: c["parameters"].__setitem__("per", 100), "threshold with ratio's 'per'"),
        ("ratio", lambda c: c.__setitem__("evidence", "contacts.digital"), "ratio with a single fact key"),
        ("ratio", lambda c: c["evidence"].pop("denominator"), "ratio without a denominator"),
        ("checklist", lambda c: c["parameters"]["items"][0].pop("label"), "checklist item without label"),
        ("staged", lambda c: c["parameters"]["statements"][0].__setitem__("level", 1), "staged statement at level 1"),
        ("options", lambda c: c["parameters"]["options"][0].__setitem__("points", 3), "option with level and points"),
        ("options", lambda c: c["parameters"]["options"].__setitem__(
            0, {"value": "x", "points": 1}), "options mixing level and points"),
        ("self-rating", lambda c: c["parameters"].__setitem__("maximum", 10), "self-rating 'maximum'"),
        ("channel-shift.channel-mix", lambda c: c["parameters"].__setitem__("target-share", 120),
         "channel-mix target-share 120"),
        ("channel-shift.channel-mix", lambda c: c["evidence"].__setitem__("volume", "channel.volumes"),
         "channel-mix unknown role 'volume'"),
        ("channel-shift.channel-mix", lambda c: c["parameters"]["uprate"].pop("to-value"),
         "channel-mix uprate without the later year's index value"),
    ]:
        name, rubric, index = first_criterion(assessor)
        broken(f"rubric: {what}", rubric_schema, rubric,
               lambda d, change=change, index=index: change(d["criteria"][index]))

    some_evidence = evidence[example_files[0].name] if example_files else None
    broken("evidence: missing organisation name", evidence_schema, some_evidence, lambda d: d["organisation"].pop("name"))
    broken("evidence: fact with both file and value", evidence_schema, some_evidence,
           lambda d: d["facts"].__setitem__("channel.volumes", {"file": "x.csv", "value": 3}))
    broken("evidence: fact key with capitals", evidence_schema, some_evidence,
           lambda d: d["facts"].__setitem__("Contacts.Total", 3))
    broken("evidence: source 'official'", evidence_schema, some_evidence,
           lambda d: d["facts"].__setitem__("x.y", {"value": 1, "source": "official"}))
    broken("evidence: both value and not-applicable", evidence_schema, some_evidence,
           lambda d: d["facts"].__setitem__("x.y", {"value": 1, "not-applicable": "no"}))
    broken("evidence: long form with unknown key 'sauce'", evidence_schema, some_evidence,
           lambda d: d["facts"].__setitem__("x.y", {"value": 1, "sauce": "measured"}))
    broken("evidence: date 11/02/2025", evidence_schema, some_evidence,
           lambda d: d["facts"].__setitem__("x.y", {"value": 1, "date": "11/02/2025"}))

    some_output = next(iter(outputs.values()), None)
    broken("assessment: missing schemaVersion", assessment_schema, some_output, lambda d: d.pop("schemaVersion"))
    broken("assessment: schemaVersion 2.0", assessment_schema, some_output, lambda d: d.__setitem__("schemaVersion", "2.0"))
    broken("assessment: status 'skipped'", assessment_schema, some_output,
           lambda d: d["dimensions"][0]["criteria"][0].__setitem__("status", "skipped"))
    broken("assessment: not-assessed criterion with a level", assessment_schema, some_output,
           lambda d: d["dimensions"][0]["criteria"][0].__setitem__("status", "not-assessed"))
    broken("assessment: a level claimed with not enough evidence", assessment_schema, some_output,
           lambda d: (d["dimensions"][0].__setitem__("status", "not-enough-evidence"),
                      d["dimensions"][0].__setitem__("level", 3)))
    broken("assessment: undocumented key", assessment_schema, some_output, lambda d: d["overall"].__setitem__("grade", "B"))

    # The schema `assess schema` generates from the built-in framework: every example and the starter file
    # `assess init` writes are valid; a number written 38%, an unknown checklist item and an answer that is
    # not an option are not.
    generated = None
    try:
        run = subprocess.run([assess, "schema"], cwd=ROOT, capture_output=True, text=True, timeout=120)
        if run.returncode != 0:
            report.error("assess schema", f"exit {run.returncode}: {run.stderr.strip()[:300]}")
        else:
            schema = json.loads(run.stdout)
            jsonschema.Draft202012Validator.check_schema(schema)
            generated = jsonschema.Draft202012Validator(schema)
            again = subprocess.run([assess, "schema"], cwd=ROOT, capture_output=True, text=True, timeout=120)
            if again.stdout == run.stdout:
                report.passed += 1
                print("ok   assess schema is deterministic")
            else:
                report.error("assess schema", "two runs differ")
            starter = subprocess.run([assess, "init", "--name", "Anytown"], cwd=ROOT, capture_output=True, text=True,
                                     timeout=120)
            report.valid("assess init output against the generated schema", generated, as_json(yaml.safe_load(starter.stdout)))
    except (OSError, json.JSONDecodeError, jsonschema.SchemaError) as error:
        report.error("assess schema", str(error))
    if generated is not None:
        for name, document in evidence.items():
            report.valid(f"examples/{name} against the generated schema", generated, document)
        broken("generated schema: a number written 38%", generated, some_evidence,
               lambda d: d["facts"].__setitem__("content.wcag-automated-pass", "38%"))
        broken("generated schema: unknown checklist item", generated, some_evidence,
               lambda d: d["facts"].__setitem__("channel.assisted-routes", {"phone-number-visble": True}))
        broken("generated schema: an answer that is not an option", generated, some_evidence,
               lambda d: d["facts"].__setitem__("channel.user-research", "supplier-form"))
        broken("generated schema: a rating out of range", generated, some_evidence,
               lambda d: d["facts"].__setitem__("inclusion.staff-confidence", 11))

    print(f"{report.passed} passed, {report.failed} failed")
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
