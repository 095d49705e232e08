"""The OpenAPI schema's error responses: every operation documents the errors it can answer with,
each with the one error body of `exceptions.py` (the `Error` component)."""

ERROR_COMPONENT = "Error"
ERROR_REF = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}

ERROR_SCHEMA = {
    "type": "object",
    "description": (
        "Every error: each key maps to a list of messages. A 400 names the fields (and query "
        "parameters) it refuses, with what belongs to no one field under `non_field_errors`; a "
        "401, 403 or 404 says why under `detail`."
    ),
    "properties": {
        "detail": {
            "type": "array",
            "items": {"type": "string"},
            "description": "Why the request was refused.",
        },
        "non_field_errors": {
            "type": "array",
            "items": {"type": "string"},
            "description": "What is wrong with the request as a whole.",
        },
    },
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"due_date": ["Enter a valid date."]},
}

WRITES = {"post", "put", "patch"}


def _errors(method, has_path_parameters):
    # Any request may carry a query parameter the endpoint refuses (api/filters.py), so any may be a 400.
    errors = {
        "400": "The request or one of its fields or query parameters is not valid.",
        "401": "No credentials, or a token that has expired or been revoked.",
        "403": (
            "You may not do this: a reader writing, a read-only token, or a sign-in without its second factor."
            if method in WRITES
            else "You may not read this, or you signed in without your second factor."
        ),
    }
    if has_path_parameters:
        errors["404"] = "Not found, or in a partnership you hold no role in."
    return errors


def add_error_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: the `Error` component and the 400, 401, 403 (and 404 for
    a record) responses on every operation, replacing any that were documented without a body."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            responses = operation["responses"]
            errors = _errors(method, "{" in path)
            for code in [code for code in responses if code.startswith("4")] + list(errors):
                documented = responses.get(code)
                if documented is None or "content" not in documented:
                    responses[code] = {
                        "description": errors.get(
                            code, "Not found, or in a partnership you hold no role in."
                        ),
                        "content": {"application/json": {"schema": ERROR_REF}},
                    }
    return result
