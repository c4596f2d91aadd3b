"""Checks response bodies against Tempest's compute response schemas, as Tempest's clients do.

Reads one JSON object a line: {"where", "module", "schema", "status", "body"}; module is relative to
tempest.lib.api_schema.response.compute (e.g. "v2_53.services"). Prints a JSON list of failures.
"""
import importlib
import json
import sys

from tempest.lib.common import rest_client


class Response(dict):
    def __init__(self, status, headers):
        super().__init__(headers)
        self.status = status


failures = []
for line in sys.stdin:
    if not line.strip():
        continue
    item = json.loads(line)
    try:
        module = importlib.import_module(
            'tempest.lib.api_schema.response.compute.' + item['module'])
        schema = getattr(module, item['schema'])
        rest_client.RestClient.validate_response(
            schema, Response(item['status'], item.get('headers', {})),
            item['body'])
    except Exception as e:  # a schema or module that is not there fails too
        failures.append('%s (%s.%s): %s' % (item['where'], item['module'],
                                            item['schema'], e))
print(json.dumps(failures))
