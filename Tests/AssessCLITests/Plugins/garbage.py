#!/usr/bin/env python3
from plugin_kit import serve
serve(lambda message: "this is not json at all")
