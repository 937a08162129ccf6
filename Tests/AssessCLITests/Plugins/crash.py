#!/usr/bin/env python3
from plugin_kit import serve
def answer(message):
    raise RuntimeError("the model file is missing")
serve(answer)
