"""Editions, their dashboard, participants, roster upload, programme and venue."""

from django.urls import path

from ontmoeting.web.views import (
    editions,
    participants,
    person_data,
    roster_upload,
    roster_words,
    sectors,
    venue,
)

E = "<int:edition_id>/"
P = E + "participants/<int:participant_id>/"

urlpatterns = [
    path("", editions.edition_list, name="edition-list"),
    path("new/", editions.edition_create, name="edition-create"),
    path(E, editions.edition_dashboard_view, name="edition-dashboard"),
    path(E + "settings/", editions.edition_settings, name="edition-settings"),
    path(E + "targets/", editions.edition_targets, name="edition-targets"),
    path(E + "transition/", editions.edition_transition, name="edition-transition"),
    path(E + "participants/", participants.participant_list_view, name="participant-list"),
    path(E + "participants/new/", participants.participant_add, name="participant-add"),
    path(E + "participants/bulk/", participants.participant_bulk, name="participant-bulk"),
    path(P, participants.participant_detail, name="participant-detail"),
    path(P + "edit/", participants.participant_edit, name="participant-edit"),
    path(P + "cancel/", participants.participant_cancel, name="participant-cancel"),
    path(P + "copy.<str:fmt>", person_data.participant_copy, name="participant-copy"),
    path(E + "roster/", roster_upload.roster_upload, name="roster-upload"),
    path(E + "roster/confirm/", roster_upload.roster_confirm, name="roster-confirm"),
    path(E + "roster/words/", roster_upload.roster_map, name="roster-map"),
    path("words/", roster_words.word_list, name="roster-words"),
    path("sectors/", sectors.sector_list, name="sector-list"),
    path("words/<int:synonym_id>/delete/", roster_words.word_delete, name="roster-word-delete"),
    path(
        E + "roster/template/<str:kind>.<str:fmt>",
        roster_upload.roster_template,
        name="roster-template",
    ),
    path(E + "programme/", venue.block_list, name="block-list"),
    path(E + "programme/new/", venue.block_edit, name="block-add"),
    path(E + "programme/<int:block_id>/", venue.block_edit, name="block-edit"),
    path(E + "programme/<int:block_id>/delete/", venue.block_delete, name="block-delete"),
    path(E + "venue/", venue.venue_detail, name="venue-detail"),
    path(E + "venue/choose/", venue.venue_choose, name="venue-choose"),
    path(E + "venue/rooms/new/", venue.room_edit, name="room-add"),
    path(E + "venue/rooms/<int:room_id>/", venue.room_edit, name="room-edit"),
    path(E + "venue/rooms/<int:room_id>/delete/", venue.room_delete, name="room-delete"),
]
