"""The JSON API at ``/api/v1/`` (django-ninja): OpenAPI 3, personal tokens beside the session,
problem details (RFC 9457) for every error. docs/api.md tells how to use it."""
