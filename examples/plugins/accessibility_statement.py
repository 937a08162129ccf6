#!/usr/bin/env python3
"""accessibility-statement: an external `assess` plugin (protocol version 1).

Offers one assessor, `a11y.statement-sections`, which reads a council's accessibility statement and
checks that it has the sections the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
Accessibility Regulations 2018 and the GOV.UK model accessibility statement require:

  compliance-status       a compliance status: fully, partially or not compliant
  non-accessible-content  the content that is not accessible, and why
  preparation             how the statement was prepared, with a date ("prepared on" / "last reviewed on")
  feedback-contact        feedback and contact information (how to report a problem)
  enforcement             the enforcement procedure (EHRC, or ECNI in Northern Ireland)

Level: share = sections present / sections required, and
    level = scale.min + share * (scale.max - scale.min)          (on 1..5: 0/5 -> 1, 4/5 -> 4.2, 5/5 -> 5)
Cap:   if the statement's date (the later of "prepared on" and "last reviewed on") is more than
       `review-within-months` months before `as-of`, the level is capped at the middle of the scale
       (scale.min + (scale.max - scale.min) / 2, i.e. 3 on 1..5): the regulations expect the statement to be
       reviewed regularly, and GOV.UK asks for a review at least once a year.

`as-of` is never the wall clock: it is the `as-of` parameter, else the fact's `date`, else the end of the
organisation's period (31 March of the second year of "2025-26"); if none is known the date check is skipped
and the findings say so. Results are deterministic for the same input.

Standard library only, Python 3.9+. Protocol lines go to standard output; logging goes to standard error.
Written from docs/plugins.md alone. Run `assess plugins --plugin examples/plugins/accessibility_statement.py`.
"""

import calendar
import datetime as dt
import html
import json
import os
import re
import sys
import traceback

PROTOCOL = 1
NAME = "accessibility-statement"
VERSION = "1.0.0"
ASSESSOR_ID = "a11y.statement-sections"
MAX_FILE_BYTES = 5 * 1024 * 1024
DEBUG = os.environ.get("A11Y_STATEMENT_DEBUG") == "1"

ASSESSORS = [
    {
        "id": ASSESSOR_ID,
        "title": "Accessibility statement sections",
        "purpose": (
            "Checks that a published accessibility statement has the sections the Public Sector Bodies "
            "Accessibility Regulations 2018 and the GOV.UK model statement require (compliance status, "
            "non-accessible content, preparation with a date, feedback and contact, enforcement procedure), "
            "and that it was reviewed recently. Level = scale.min + share of sections present x "
            "(scale.max - scale.min), capped at the middle of the scale if the statement is out of date."
        ),
        "roles": [
            {
                "name": "statement",
                "type": "text",
                "required": True,
                "summary": (
                    "the statement: a text, Markdown or HTML file given with `file:` in the evidence, "
                    "or its text as the fact's value"
                ),
            }
        ],
        "parameters": [
            {
                "name": "required-sections",
                "type": "list of text",
                "default": "the five sections of the GOV.UK model statement",
                "summary": (
                    "overrides the sections checked: each item is a heading or keyword, with alternatives "
                    "separated by `|` (\"Enforcement procedure|EHRC\"), or a mapping {label, keywords}"
                ),
            },
            {
                "name": "review-within-months",
                "type": "number",
                "default": "12",
                "summary": (
                    "a statement last prepared or reviewed more than this many months before `as-of` caps "
                    "the level at the middle of the scale"
                ),
            },
            {
                "name": "as-of",
                "type": "text",
                "default": "the fact's date, else the end of the organisation's period",
                "summary": "the date (YYYY-MM-DD) the statement's age is measured at; never today's date",
            },
        ],
    }
]

# Default sections. `keywords`: any one found (case-insensitive, on word boundaries) marks the section
# present. `needs`: an extra condition checked by the assessor.
DEFAULT_SECTIONS = [
    {
        "id": "compliance-status",
        "label": "Compliance status",
        "keywords": [],
        "needs": "compliance-status",
    },
    {
        "id": "non-accessible-content",
        "label": "Non-accessible content",
        "keywords": [
            "non-accessible content",
            "non accessible content",
            "inaccessible content",
            "content that is not accessible",
            "non-compliance with the accessibility regulations",
        ],
    },
    {
        "id": "preparation",
        "label": "Preparation of the statement (with a date)",
        "keywords": [
            "preparation of this accessibility statement",
            "preparation of this statement",
            "this statement was prepared",
            "statement was prepared on",
        ],
        "needs": "statement-date",
    },
    {
        "id": "feedback-contact",
        "label": "Feedback and contact information",
        "keywords": [
            "feedback and contact information",
            "reporting accessibility problems",
            "report an accessibility problem",
            "report accessibility problems",
            "contact us",
        ],
    },
    {
        "id": "enforcement",
        "label": "Enforcement procedure (EHRC / ECNI)",
        "keywords": [
            "enforcement procedure",
            "equality and human rights commission",
            "ehrc",
            "equality commission for northern ireland",
            "ecni",
        ],
    },
]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

DATE_PATTERNS = [
    # 12 March 2025, 12th March 2025, 12 Mar. 2025
    (re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(" + MONTH_RE + r")\.?,?\s+(\d{4})\b", re.I), "dmy-name"),
    # March 12, 2025
    (re.compile(r"\b(" + MONTH_RE + r")\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), "mdy-name"),
    # 2025-03-12
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), "iso"),
    # 12/03/2025 (UK order, day first)
    (re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), "dmy-num"),
]

STATUS_RE = re.compile(r"\b(fully|partially|partly|not|non)[\s-]+compliant\b", re.I)


def log(message):
    print(f"{NAME}: {message}", file=sys.stderr, flush=True)


class PluginError(Exception):
    """Bad input: answered as status error with this message."""


# ---------------------------------------------------------------- reading the statement

def read_statement(fact):
    """Returns (text, where) for a fact, or raises PluginError."""
    path = fact.get("file")
    if path:
        return read_file(path), path
    value = fact.get("value")
    if value is None:
        raise PluginError("the statement fact has neither a file nor a value")
    if not isinstance(value, str):
        raise PluginError(
            f"the statement fact's value is {json.dumps(value)[:60]}, not text; give the statement's text "
            "or name its file with `file:`"
        )
    if not value.strip():
        raise PluginError("the statement fact's value is empty")
    return value, "the fact's value"


def read_file(path):
    if not os.path.exists(path):
        raise PluginError(f"statement file not found: {path} (looked in {os.getcwd()} for a relative path)"
                          if not os.path.isabs(path) else f"statement file not found: {path}")
    if os.path.isdir(path):
        raise PluginError(f"statement file is a folder, not a file: {path}")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise PluginError(f"statement file could not be read: {path}: {error.strerror or error}")
    if len(data) > MAX_FILE_BYTES:
        raise PluginError(f"statement file is over {MAX_FILE_BYTES} bytes: {path}")
    if not data.strip():
        raise PluginError(f"statement file is empty: {path}")
    text = decode(data, path)
    if not text.strip():
        raise PluginError(f"statement file is empty: {path}")
    return text


def decode(data, path):
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig"]
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise PluginError(
                f"statement file is not UTF-8 text (bad byte at offset {error.start}): {path}; "
                "save it as UTF-8 text, Markdown or HTML (a PDF or Word file must be converted first)"
            )
        if "\x00" in text:
            raise PluginError(f"statement file holds binary data, not text: {path}")
        return text
    raise PluginError(f"statement file could not be decoded: {path}")


def plain_text(text):
    """HTML to text when the text looks like HTML; Markdown and text pass through. Comments (which
    Markdown does not show either) are always removed, so they never count as sections."""
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    if re.search(r"<(html|body|h[1-6]|p|div|main|section|ul|li)\b", text, re.I):
        text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", text, flags=re.I | re.S)
        text = re.sub(r"<(br|/?(p|div|h[1-6]|li|ul|ol|tr|section|main|article|header|footer))\b[^>]*>",
                      "\n", text, flags=re.I)
        text = re.sub(r"<[^>]+>", " ", text)
        text = html.unescape(text)
    return text


def normalise(text):
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2011", "-")
    text = text.replace("\u00a0", " ")
    return re.sub(r"[ \t]+", " ", text)


def keyword_found(text_lower, keyword):
    words = [re.escape(word) for word in keyword.lower().split()]
    if not words:
        return False
    pattern = r"(?<![\w-])" + r"\s+".join(words) + r"(?![\w-])"
    return re.search(pattern, text_lower) is not None


# ---------------------------------------------------------------- dates

def parse_date_match(match, kind):
    try:
        if kind == "dmy-name":
            return dt.date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
        if kind == "mdy-name":
            return dt.date(int(match.group(3)), MONTHS[match.group(1).lower()], int(match.group(2)))
        if kind == "iso":
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if kind == "dmy-num":
            return dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
    except ValueError:
        return None
    return None


def first_date(fragment):
    """The earliest-positioned date in a short fragment of text."""
    best = None
    for pattern, kind in DATE_PATTERNS:
        match = pattern.search(fragment)
        if match and (best is None or match.start() < best[0]):
            parsed = parse_date_match(match, kind)
            if parsed:
                best = (match.start(), parsed)
    return best[1] if best else None


def dates_after(text, phrases):
    """Dates that follow any of the phrases within 40 characters."""
    found = []
    for phrase in phrases:
        for match in re.finditer(phrase, text, re.I):
            date = first_date(text[match.end(): match.end() + 40])
            if date:
                found.append(date)
    return found


def parse_parameter_date(value, name):
    if isinstance(value, str):
        text = value.strip()
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", text)
        if match:
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                pass
    raise PluginError(f"parameter {name} must be a date written YYYY-MM-DD, not {json.dumps(value)}")


def period_end(period):
    """'2025-26' or '2025/26' -> 31 March 2026 (UK financial year); '2025' -> 31 December 2025."""
    if not isinstance(period, str):
        return None
    match = re.fullmatch(r"\s*(\d{4})\s*[-/]\s*(\d{2}|\d{4})\s*", period)
    if match:
        start = int(match.group(1))
        end = int(match.group(2))
        end = end if end >= 1000 else (start // 100) * 100 + end
        if end == start + 1:
            return dt.date(end, 3, 31)
    match = re.fullmatch(r"\s*(\d{4})\s*", period)
    if match:
        return dt.date(int(match.group(1)), 12, 31)
    return None


def months_before(date, months):
    total = date.year * 12 + (date.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    day = min(date.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


# ---------------------------------------------------------------- parameters

def section_list(parameters):
    if "required-sections" not in parameters or parameters["required-sections"] is None:
        return DEFAULT_SECTIONS, False
    raw = parameters["required-sections"]
    if not isinstance(raw, list) or not raw:
        raise PluginError("parameter required-sections must be a non-empty list of headings or keywords")
    sections = []
    for index, item in enumerate(raw, start=1):
        if isinstance(item, str) and item.strip():
            alternatives = [part.strip() for part in item.split("|") if part.strip()]
            sections.append({"id": f"section-{index}", "label": alternatives[0], "keywords": alternatives})
        elif isinstance(item, dict) and isinstance(item.get("label"), str):
            keywords = item.get("keywords", [item["label"]])
            if isinstance(keywords, str):
                keywords = [keywords]
            if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
                raise PluginError(f"required-sections item {index}: keywords must be a list of text")
            sections.append({"id": f"section-{index}", "label": item["label"], "keywords": keywords})
        else:
            raise PluginError(
                f"required-sections item {index} must be a heading (text) or a mapping with a label, "
                f"not {json.dumps(item)}"
            )
    return sections, True


def review_months(parameters):
    value = parameters.get("review-within-months", 12)
    if value is None:
        value = 12
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            pass
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0 or value != int(value):
        raise PluginError(f"parameter review-within-months must be a whole number of months above 0, "
                          f"not {json.dumps(value)}")
    return int(value)


# ---------------------------------------------------------------- the assessor

def compliance_status(text):
    """(status, where) from the statement; the 'this website is ... compliant' sentence wins."""
    def name(word):
        word = word.lower()
        return {"partly": "partially", "non": "not"}.get(word, word) + " compliant"

    sentence = re.search(r"\b(?:website|site|app|service|statement)\s+is\s+(fully|partially|partly|not|non)"
                         r"[\s-]+compliant\b", text, re.I)
    if sentence:
        return name(sentence.group(1))
    heading = re.search(r"compliance status", text, re.I)
    if heading:
        match = STATUS_RE.search(text, heading.end())
        if match:
            return name(match.group(1))
    match = STATUS_RE.search(text)
    return name(match.group(1)) if match else None


def assess(request):
    scale = request.get("scale") or {}
    low, high = scale.get("min", 1), scale.get("max")
    if not isinstance(low, (int, float)) or not isinstance(high, (int, float)) or high <= low:
        raise PluginError(f"the request's scale is not usable: {json.dumps(scale)}")

    evidence = request.get("evidence") or {}
    fact = evidence.get("statement")
    if not isinstance(fact, dict):
        return {"status": "not-assessed", "message": "no accessibility statement was given (role statement)"}

    parameters = request.get("parameters") or {}
    sections, custom = section_list(parameters)
    months = review_months(parameters)

    text, where = read_statement(fact)
    text = normalise(plain_text(text))
    lower = text.lower()

    status = compliance_status(text)
    prepared = dates_after(text, [r"\bprepared\s+on\b", r"\bfirst\s+published\s+on\b"])
    reviewed = dates_after(text, [r"\blast\s+reviewed\s+on\b", r"\breviewed\s+on\b", r"\blast\s+updated\s+on\b",
                                  r"\bupdated\s+on\b"])
    prepared_on = min(prepared) if prepared else None
    reviewed_on = max(reviewed) if reviewed else None
    statement_date = max([d for d in (prepared_on, reviewed_on) if d], default=None)

    present, missing = [], []
    for section in sections:
        found = any(keyword_found(lower, keyword) for keyword in section["keywords"])
        needs = None if custom else section.get("needs")
        if needs == "compliance-status":
            found = status is not None
        elif needs == "statement-date":
            found = found and statement_date is not None
        (present if found else missing).append(section["label"])

    share = len(present) / len(sections)
    level = low + share * (high - low)

    # The date the statement's age is measured at: never the wall clock.
    as_of, as_of_from = None, None
    if parameters.get("as-of") not in (None, ""):
        as_of, as_of_from = parse_parameter_date(parameters["as-of"], "as-of"), "the as-of parameter"
    elif isinstance(fact.get("date"), str) and re.match(r"\d{4}-\d{2}-\d{2}", fact["date"]):
        as_of, as_of_from = parse_parameter_date(fact["date"], "the fact's date"), "the evidence date"
    else:
        end = period_end((request.get("organisation") or {}).get("period"))
        if end:
            as_of, as_of_from = end, "the end of the period"

    cap = low + (high - low) / 2
    capped = False
    age_note = ""
    if statement_date and as_of and statement_date > as_of:
        age_note = (f" It is dated {statement_date.isoformat()}, after {as_of.isoformat()} ({as_of_from}), "
                    "so its age was not checked.")
    elif statement_date and as_of:
        cutoff = months_before(as_of, months)
        if statement_date < cutoff:
            if level > cap:
                level, capped = cap, True
            age_note = (f" It was last prepared or reviewed on {statement_date.isoformat()}, more than {months} "
                        f"months before {as_of.isoformat()} ({as_of_from})")
            age_note += f", so the level is capped at {fmt(cap)}." if capped else "."
        else:
            age_note = (f" It was last prepared or reviewed on {statement_date.isoformat()}, within {months} "
                        f"months of {as_of.isoformat()} ({as_of_from}).")
    elif statement_date:
        age_note = (f" It is dated {statement_date.isoformat()}; its age was not checked because no as-of date, "
                    "evidence date or period was given.")
    else:
        age_note = " No preparation or review date was found, so its age could not be checked."

    level = round(level, 2)
    rationale = (f"{len(present)} of {len(sections)} required sections are present ({share * 100:.0f}%), "
                 f"level {fmt(level)} on {fmt(low)} to {fmt(high)}; compliance status: "
                 f"{status or 'not stated'}.{age_note}")

    findings = [
        {"id": "sections-present", "label": "Sections present", "value": present},
        {"id": "sections-missing", "label": "Sections missing", "value": missing},
        {"id": "share-present", "label": "Share of required sections present", "value": round(share * 100, 1),
         "unit": "%"},
        {"id": "compliance-status", "label": "Compliance status found", "value": status or "not stated"},
        {"id": "statement-date", "label": "Statement date (latest of prepared and reviewed)",
         "value": statement_date.isoformat() if statement_date else "not found"},
    ]
    if prepared_on:
        findings.append({"id": "prepared-on", "label": "Prepared on", "value": prepared_on.isoformat()})
    if reviewed_on:
        findings.append({"id": "last-reviewed-on", "label": "Last reviewed on", "value": reviewed_on.isoformat()})
    findings.append({"id": "as-of", "label": f"Age measured at ({as_of_from or 'unknown'})",
                     "value": as_of.isoformat() if as_of else "not known"})
    findings.append({"id": "out-of-date", "label": f"Not reviewed within {months} months",
                     "value": bool(statement_date and as_of and statement_date < months_before(as_of, months))})
    if DEBUG:
        log(f"request {request.get('id')}: read {where}, {len(text)} characters, present {present}")
    return {"status": "assessed", "level": level, "rationale": rationale, "findings": findings}


def fmt(number):
    return f"{number:g}" if isinstance(number, float) else str(number)


# ---------------------------------------------------------------- the protocol

def answer_request(message):
    request_id = message.get("id")
    if message.get("assessor") != ASSESSOR_ID:
        return {"id": request_id, "status": "error",
                "message": f"{NAME} has no assessor {message.get('assessor')!r}; it offers {ASSESSOR_ID}"}
    try:
        result = assess(message)
    except PluginError as error:
        # assess shows the message already; log it only when debugging, so it is not printed twice.
        if DEBUG:
            log(f"criterion {message.get('criterion')}: {error}")
        result = {"status": "error", "message": str(error)}
    except Exception as error:  # a bug here must not take the run down: report it as an error answer
        log(f"criterion {message.get('criterion')}: internal error:\n{traceback.format_exc()}")
        result = {"status": "error", "message": f"{NAME} failed: {type(error).__name__}: {error}"}
    return {"id": request_id, **result}


def main():
    # The protocol is UTF-8 whatever the locale says.
    sys.stdin.reconfigure(encoding="utf-8", errors="replace")
    sys.stdout.reconfigure(encoding="utf-8")
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            message = json.loads(line)
        except ValueError as error:
            log(f"ignored a line that is not JSON ({error}): {line[:80]!r}")
            continue
        if not isinstance(message, dict):
            log(f"ignored a message that is not a JSON object: {line[:80]!r}")
            continue
        kind = message.get("type")
        if kind == "hello":
            if message.get("protocol") != PROTOCOL:
                log(f"assess speaks protocol {message.get('protocol')!r}; this plugin speaks {PROTOCOL}")
            answer = {"type": "hello", "protocol": PROTOCOL, "name": NAME, "version": VERSION,
                      "assessors": ASSESSORS}
        elif kind == "assess":
            answer = answer_request(message)
        else:
            log(f"unknown message type {kind!r}")
            if "id" not in message:
                continue
            answer = {"id": message["id"], "status": "error", "message": f"unknown message type {kind!r}"}
        sys.stdout.write(json.dumps(answer, separators=(",", ":")) + "\n")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(0)
    except BrokenPipeError:
        sys.exit(0)
