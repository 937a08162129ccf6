#!/usr/bin/env python3
import time
from plugin_kit import serve
def answer(message):
    time.sleep(600)
serve(answer)
