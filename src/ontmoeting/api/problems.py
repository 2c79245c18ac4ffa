"""Every error of the API as RFC 9457 problem details (``application/problem+json``)."""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

logger = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_START = "urn:ontmoeting:problem:"

#: The problem type of each status the API answers with.
SLUGS = {
    400: "bad-request",
    401: "not-authenticated",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    422: "invalid-request",
    429: "too-many-requests",
    500: "server-error",
}


class Problem(Schema):
    """RFC 9457 problem details; ``errors`` lists what was wrong with a request (422)."""

    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[dict[str, Any]] | None = None


def problem(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """The problem-details response for ``status`` with ``detail``."""
    body: dict[str, Any] = {
        "type": TYPE_START + SLUGS.get(status, "error"),
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": request.path,
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False, default=str), status=status, content_type=MEDIA_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _http_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, HttpError)
    headers: dict[str, str] = {}
    if isinstance(exc, AuthenticationError):
        headers["WWW-Authenticate"] = 'Bearer realm="api"'
        return problem(
            request, 401, "Send a valid API token (Authorization: Bearer …).", headers=headers
        )
    if isinstance(exc, Throttled) and exc.wait is not None:
        headers["Retry-After"] = str(max(1, int(exc.wait)))
    return problem(request, exc.status_code, str(exc), headers=headers)


def _validation_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, ValidationError)
    errors = json.loads(json.dumps(exc.errors, default=str))
    return problem(request, 422, "The request does not match the API's schema.", errors=errors)


def _django_validation_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    assert isinstance(exc, DjangoValidationError)
    return problem(request, 422, " ".join(exc.messages))


def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(request, 404, "Not found.")


def _forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
    return problem(request, 403, str(exc) or "Forbidden.")


def _server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API error at %s", request.path, exc_info=exc)
    return problem(request, 500, "Something went wrong on the server; it has been logged.")


def install(api: NinjaAPI) -> None:
    """Answer every error of ``api`` with problem details."""
    handlers: dict[type[Exception], Any] = {
        Exception: _server_error,
        HttpError: _http_error,
        ValidationError: _validation_error,
        DjangoValidationError: _django_validation_error,
        Http404: _not_found,
        PermissionDenied: _forbidden,
    }
    for exc_class, handler in handlers.items():
        api.add_exception_handler(exc_class, handler)


def not_found_view(request: HttpRequest, rest: str = "") -> HttpResponse:
    """A path under the API that names no endpoint."""
    return problem(request, 404, "No endpoint at this address.")


#: The error responses every operation documents (each a ``Problem``).
ERRORS: dict[int, type[Problem]] = dict.fromkeys((400, 401, 403, 404, 422, 429, 500), Problem)


def as_problem_media_type(schema: dict[str, Any]) -> dict[str, Any]:
    """Document every 4xx/5xx response of the OpenAPI ``schema`` as ``application/problem+json``."""
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            for code, response in operation.get("responses", {}).items():
                content = response.get("content")
                if str(code)[0] in "45" and content and "application/json" in content:
                    response["content"] = {MEDIA_TYPE: content["application/json"]}
    return schema
