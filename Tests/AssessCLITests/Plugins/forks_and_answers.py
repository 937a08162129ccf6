#!/usr/bin/env python3
"""Answers well, but leaves behind a child that keeps its standard output open for ever."""
import subprocess
import sys
from plugin_kit import good_answer, serve
children = []
def answer(message):
    if not children:
        children.append(subprocess.Popen(["sleep", "600"]))  # inherits standard output
        print(f"child {children[0].pid}", file=sys.stderr, flush=True)
    return good_answer(message)
serve(answer)
