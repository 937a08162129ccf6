#!/usr/bin/env python3
import sys
from plugin_kit import good_answer, serve
print("good plugin ready", file=sys.stderr)
serve(good_answer)
