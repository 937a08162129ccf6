#!/usr/bin/env python3
from plugin_kit import serve
serve(lambda message: {"id": message["id"], "status": "assessed", "level": 9, "rationale": "too high"})
