#!/usr/bin/env python3
import json
from plugin_kit import serve
serve(lambda message: json.dumps({"id": message["id"], "status": "assessed", "level": 3, "rationale": "x" * (2 << 20)}))
