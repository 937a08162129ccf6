"""Shared code for the test plugins: each behaves well in the handshake and then misbehaves in its own way."""
import json
import os
import sys

ASSESSORS = [{
    "id": "demo.level",
    "title": "Echo a level",
    "purpose": "Returns the level it is given, for tests.",
    "roles": [{"name": "value", "type": "number", "summary": "a level"}],
    "parameters": [{"name": "offset", "type": "number", "default": "0", "summary": "added to the level"}],
}]


def hello(protocol=1):
    return {"type": "hello", "protocol": protocol, "name": "test-plugin", "assessors": ASSESSORS}


def good_answer(message):
    value = message["evidence"]["value"]["value"]
    offset = message["parameters"].get("offset", 0)
    return {"id": message["id"], "status": "assessed", "level": value + offset,
            "rationale": f"Given {value}, offset {offset}.",
            "findings": [{"id": "given", "label": "Level given", "value": value},
                         {"id": "criterion", "label": "Criterion", "value": message["criterion"]},
                         {"id": "pid", "label": "Plugin process", "value": os.getpid()},
                         {"id": "request", "label": "Request number", "value": message["id"]}]}


def serve(answer, protocol=1):
    for line in sys.stdin:
        message = json.loads(line)
        if message["type"] == "hello":
            reply = hello(protocol)
        else:
            reply = answer(message)
        if reply is not None:
            sys.stdout.write(reply if isinstance(reply, str) else json.dumps(reply))
            sys.stdout.write("\n")
            sys.stdout.flush()
