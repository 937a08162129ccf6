#!/usr/bin/env python3
from plugin_kit import good_answer, serve
serve(good_answer, protocol=2)
