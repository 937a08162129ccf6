#!/usr/bin/env python3
"""Starts a child that keeps the plugin's standard output open and sleeps for ever, then hangs itself."""
import os
import subprocess
import sys
import time
from plugin_kit import serve
def answer(message):
    child = subprocess.Popen(["sleep", "600"])  # inherits standard output
    print(f"child {child.pid}", file=sys.stderr, flush=True)
    if os.environ.get("PLUGIN_CHILD_FILE"):  # for the test that interrupts assess
        with open(os.environ["PLUGIN_CHILD_FILE"], "w") as file:
            file.write(str(child.pid))
    time.sleep(600)
serve(answer)
