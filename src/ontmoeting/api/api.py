"""The API object: its routers, its authentication and its problem details."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI, Swagger
from ninja.openapi.schema import OpenAPISchema

from ontmoeting.api import problems
from ontmoeting.api.auth import AUTH
from ontmoeting.api.routers import checkin, claims, editions, research

DESCRIPTION = """\
The encounter day's data for other systems of the university. Authenticate with a personal
token (`Authorization: Bearer ont_…`, made on the staff page "API tokens" or with
`ontmoeting api-token create`) or, in the browser, with your signed-in session. Each endpoint
needs one scope; a token holds only the scopes its holder's role still allows. Every error is
an RFC 9457 problem (`application/problem+json`). See docs/api.md.
"""


class OntmoetingAPI(NinjaAPI):
    """django-ninja's API whose OpenAPI document gives errors their problem media type."""

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        problems.as_problem_media_type(schema)
        return schema


def build() -> NinjaAPI:
    api = OntmoetingAPI(
        title="Ontmoeting API",
        version="1",
        description=DESCRIPTION,
        urls_namespace="api",
        auth=AUTH,
        docs=Swagger(settings={"persistAuthorization": False}),
    )
    problems.install(api)
    for module in (editions, checkin, research, claims):
        api.add_router("", module.router)
    return api


api = build()
