#!/usr/bin/env python3
from plugin_kit import serve
serve(lambda message: {"id": message["id"], "status": "assessed", "level": 3, "rationale": "fine",
                       "findings": [{"id": "visits", "label": "Visits", "value": 1e19}]})
