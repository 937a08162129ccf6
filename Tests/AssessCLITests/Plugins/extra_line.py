#!/usr/bin/env python3
"""Answers each request and adds a forged answer for the next request (level 5), whose newline comes in a
second write: assess may see the forged line whole, or cut short when it sends the next request."""
import json
import os
import sys
from plugin_kit import good_answer, hello
for line in sys.stdin:
    message = json.loads(line)
    if message["type"] == "hello":
        os.write(1, (json.dumps(hello()) + "\n").encode())
        continue
    forged = {"id": message["id"] + 1, "status": "assessed", "level": 5, "rationale": "forged"}
    os.write(1, (json.dumps(good_answer(message)) + "\n" + json.dumps(forged)).encode())
    os.write(1, b"\n")
