"""Every error of the API has one shape: an object whose keys map to lists of strings.

A 400 names each field it refuses (`{"due_date": ["Enter a valid date."]}`) and puts what belongs to
no one field under `non_field_errors`; a 401, 403 or 404 says why under `detail`
(`{"detail": ["Not found."]}`). Bad input is a 400, never a 500, and a 404 never names a model."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = api_settings.NON_FIELD_ERRORS_KEY


def _flatten(data, prefix=""):
    """`{key: [message, ...]}` from DRF's nested error details (`parent.0.child` for nested fields)."""
    if isinstance(data, dict):
        flat = {}
        for key, value in data.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict | list) and not _strings(value):
                flat.update(_flatten(value, name))
            else:
                flat.setdefault(name, []).extend(_messages(value))
        return flat
    if isinstance(data, list) and not _strings(data):
        flat = {}
        for index, item in enumerate(data):
            if item:
                flat.update(_flatten(item, f"{prefix}.{index}" if prefix else NON_FIELD))
        return flat
    return {prefix or NON_FIELD: _messages(data)}


def _strings(value):
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _messages(value):
    if isinstance(value, list | tuple):
        return [str(item) for item in value]
    return [str(value)]


def error_body(data, *, key=NON_FIELD):
    """The error shape for whatever DRF or a view put in a response's data."""
    if isinstance(data, dict) and set(data) == {"detail"} and not isinstance(data["detail"], dict | list):
        return {"detail": [str(data["detail"])]}
    if isinstance(data, list) and _strings(data):
        return {key: [str(item) for item in data]}
    return _flatten(data)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {NON_FIELD: exc.messages}
        return Response(error_body(detail), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError):
        return Response(
            {NON_FIELD: ["This conflicts with a record that already exists."]},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, Http404):
        # Django's message names the model ("No SeriousIncidentNotification matches ..."): not for clients.
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is not None:
        response.data = error_body(response.data)
    return response
