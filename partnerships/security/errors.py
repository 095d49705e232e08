"""Error pages: a database outage is a 503 (try again shortly), not a 500 (something is broken).

Django calls `server_error` (config.urls.handler500) inside the `except` block of the failed
request, so the exception is at hand. The page is rendered without the request's context
processors, which would themselves need the database.
"""

import sys

from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template.loader import render_to_string

RETRY_AFTER_SECONDS = 30


def database_is_down(exc):
    """Connection failures, not query errors (a bad query is a bug and stays a 500)."""
    if isinstance(exc, InterfaceError):
        return True
    if isinstance(exc, OperationalError):
        return True
    return isinstance(exc, DatabaseError) and "server closed the connection" in str(exc)


def server_error(request, *args, **kwargs):
    exc = sys.exc_info()[1]
    api = request.path.startswith("/api/")
    if exc is not None and database_is_down(exc):
        if api:
            response = JsonResponse({"detail": "The service is unavailable. Try again shortly."}, status=503)
        else:
            response = HttpResponse(
                render_to_string("503.html", {"service_name": "Safeguarding Partnerships"}), status=503
            )
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
    if api:
        return JsonResponse({"detail": "Server error."}, status=500)
    return HttpResponseServerError(
        render_to_string("500.html", {"service_name": "Safeguarding Partnerships"})
    )
