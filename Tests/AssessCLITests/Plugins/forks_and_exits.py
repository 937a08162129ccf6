#!/usr/bin/env python3
"""Starts a child that keeps the plugin's standard output open, then exits with status 4 without answering."""
import os
import subprocess
import sys
from plugin_kit import serve
def answer(message):
    child = subprocess.Popen(["sleep", "600"])  # inherits standard output
    print(f"child {child.pid}", file=sys.stderr, flush=True)
    print("giving up", file=sys.stderr, flush=True)
    os._exit(4)
serve(answer)
