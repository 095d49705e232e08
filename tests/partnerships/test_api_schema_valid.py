"""The OpenAPI schema is valid OpenAPI 3, names its enums, takes JSON only, and documents every error
with the one error body (partnerships/core/api/exceptions.py, partnerships/core/api/schema.py)."""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate

from partnerships.core.api.schema import ERROR_REF

WRITES = {"post", "put", "patch"}
METHODS = WRITES | {"get", "delete"}


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def test_the_schema_is_valid_openapi(schema):
    validate(schema)


def test_no_enum_is_named_by_a_number(schema):
    names = list(schema["components"]["schemas"])
    numbered = [name for name in names if re.search(r"\d+(Enum)?$", name) or re.search(r"Enum\d", name)]
    assert numbered == []


def test_writes_take_json_only(schema):
    for path, method, operation in _operations(schema):
        if method in WRITES and "requestBody" in operation:
            assert list(operation["requestBody"]["content"]) == ["application/json"], (method, path)


def _error_body(response):
    return response.get("content", {}).get("application/json", {}).get("schema")


def test_every_operation_documents_its_errors_with_the_error_body(schema):
    missing = []
    for path, method, operation in _operations(schema):
        codes = ["400", "401", "403"] + (["404"] if "{" in path else [])
        for code in codes:
            response = operation["responses"].get(code)
            if response is None or _error_body(response) != ERROR_REF:
                missing.append(f"{method.upper()} {path} {code}")
    assert missing == []


def test_the_error_body_maps_each_key_to_a_list_of_strings(schema):
    error = schema["components"]["schemas"]["Error"]
    strings = {"type": "array", "items": {"type": "string"}}
    assert error["additionalProperties"] == strings
    for key in ("detail", "non_field_errors"):
        assert {k: error["properties"][key][k] for k in ("type", "items")} == strings


def test_pages_and_filters_are_documented_with_their_types(schema):
    listing = schema["paths"]["/api/actions/"]["get"]
    parameters = {p["name"]: p["schema"] for p in listing["parameters"]}
    assert parameters["limit"] == {"type": "integer", "minimum": 1, "maximum": 500}
    assert parameters["offset"]["type"] == "integer"
    assert all("type" in s or "$ref" in s or "enum" in s for s in parameters.values()), parameters


@pytest.mark.django_db
def test_errors_have_the_documented_shape(world):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_login(world.bu)
    bad = api.post("/api/actions/", {"partnership": "alpha", "title": "", "due_date": "soon"})
    assert bad.status_code == 400
    assert all(isinstance(v, list) and all(isinstance(m, str) for m in v) for v in bad.json().values())
    assert {"title", "due_date"} <= set(bad.json())
    refused = api.get("/api/actions/?colour=red")
    assert refused.status_code == 400 and isinstance(refused.json()["colour"], list)
    missing = api.get(f"/api/actions/{world.beta_action.pk}/")
    assert missing.status_code == 404 and missing.json() == {"detail": ["Not found."]}
    reader = APIClient()
    reader.force_login(world.scrutineer)
    assert reader.patch(f"/api/actions/{world.action.pk}/", {"title": "x"}).status_code == 403
    assert isinstance(reader.patch(f"/api/actions/{world.action.pk}/", {"title": "x"}).json()["detail"], list)
    assert (
        api.generic("POST", "/api/actions/", "title=x", "application/x-www-form-urlencoded").status_code
        == 415
    )


def test_every_answer_documents_its_body(schema):
    bare = [
        f"{method.upper()} {path} {code}"
        for path, method, operation in _operations(schema)
        for code, response in operation["responses"].items()
        if code != "204" and "content" not in response
    ]
    assert bare == []


def test_every_success_names_its_fields(schema):
    """A client is told what a successful answer holds: a named component (or a list or page of one),
    never a bare "object" that a generated client can only hand back as a dictionary."""

    def _names_fields(body):
        if "$ref" in body or "properties" in body:
            return True
        if body.get("type") == "array":
            return _names_fields(body["items"])
        return any(_names_fields(part) for part in body.get("allOf", []) + body.get("oneOf", []))

    generic = [
        f"{method.upper()} {path} {code}"
        for path, method, operation in _operations(schema)
        for code, response in operation["responses"].items()
        if code.startswith("2")
        for media in response.get("content", {}).values()
        if media.get("schema") and not _names_fields(media["schema"])
    ]
    assert generic == []
