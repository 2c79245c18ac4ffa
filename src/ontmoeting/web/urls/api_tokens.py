from django.urls import path

from ontmoeting.web.views import api_tokens

urlpatterns = [
    path("", api_tokens.api_tokens, name="api-tokens"),
    path("<int:token_id>/revoke/", api_tokens.api_token_revoke, name="api-token-revoke"),
]
