"""The API reference at /api/docs/: a GOV.UK page built from the OpenAPI schema (/api/schema/).

Swagger UI stays at /api/docs/explorer/ for developers who want to try requests in the browser, but
it does not meet WCAG 2.2 AA (axe finds low-contrast text, no page language and controls nested in
controls, all inside the third-party page). This page is its conforming alternate version (WCAG 2.2,
conformance requirement 1): every operation, its parameters, request fields and responses, with
GOV.UK markup, scanned with axe (tests/security/test_accessibility.py).
"""

import functools

from django.views.generic import TemplateView
from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


def _name(ref):
    return ref.rsplit("/", 1)[-1]


def _type(schema, components):
    """A short, readable type: "string (date)", "one of: a, b", "list of Action"."""
    if not schema:
        return ""
    if "$ref" in schema:
        target = components.get(_name(schema["$ref"]), {})
        return _type(target, components) if "enum" in target else _name(schema["$ref"])
    for combined in ("allOf", "oneOf", "anyOf"):
        if combined in schema:
            parts = [_type(s, components) for s in schema[combined]]
            return " or ".join(p for p in parts if p)
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"] if v not in ("", None))
    kind = schema.get("type", "")
    if kind == "array":
        return "list of " + _type(schema.get("items", {}), components)
    if schema.get("format"):
        return f"{kind} ({schema['format']})"
    return kind


def _summary(text):
    """The first paragraph of a description, without drf-spectacular's enum bullet lists."""
    lines = []
    for line in (text or "").strip().splitlines():
        if not line.strip() or line.lstrip().startswith("* `"):
            break
        lines.append(line.strip())
    return " ".join(lines)


def _fields(schema, components):
    if "$ref" in schema:
        schema = components.get(_name(schema["$ref"]), {})
    required = set(schema.get("required", []))
    return [
        {
            "name": name,
            "type": _type(field, components),
            "required": name in required,
            "description": _summary(field.get("description", "")),
        }
        for name, field in schema.get("properties", {}).items()
        if not field.get("readOnly")
    ]


def _operation(path, method, op, components):
    body = op.get("requestBody", {}).get("content", {})
    body_schema = (body.get("application/json") or next(iter(body.values()), {})).get("schema", {})
    responses = []
    for code, response in op.get("responses", {}).items():
        content = response.get("content", {})
        schema = next(iter(content.values()), {}).get("schema", {}) if content else {}
        responses.append(
            {"code": code, "type": _type(schema, components), "description": response.get("description", "")}
        )
    return {
        "id": op["operationId"].replace("_", "-"),
        "method": method.upper(),
        "path": path,
        "summary": _summary(op.get("description") or op.get("summary", "")),
        "parameters": [
            {
                "name": p["name"],
                "where": p["in"],
                "required": p.get("required", False),
                "type": _type(p.get("schema", {}), components),
                "description": _summary(p.get("description", "")),
            }
            for p in op.get("parameters", [])
        ],
        "fields": _fields(body_schema, components) if body_schema else [],
        "responses": responses,
    }


@functools.lru_cache(maxsize=1)
def reference():
    """The schema as sections by resource (computed once per process: the schema is code)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    components = schema.get("components", {}).get("schemas", {})
    groups = {}
    for path, item in schema["paths"].items():
        for method in METHODS:
            if op := item.get(method):
                tag = (op.get("tags") or ["api"])[0]
                groups.setdefault(tag, []).append(_operation(path, method, op, components))
    return {
        "info": schema["info"],
        "groups": [
            {"name": name, "id": "resource-" + name.replace("_", "-"), "operations": ops}
            for name, ops in sorted(groups.items())
        ],
        "count": sum(len(ops) for ops in groups.values()),
    }


class APIReference(TemplateView):
    template_name = "api/reference.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, api=reference())
