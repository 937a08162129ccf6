#!/usr/bin/env python3
"""Answers each request with the next request's id."""
from plugin_kit import good_answer, serve
def answer(message):
    reply = good_answer(message)
    reply["id"] = message["id"] + 1
    return reply
serve(answer)
