from django.contrib.auth import views as auth_views
from django.urls import path

from mutuals.web.views import interactions, people, person, promises, settings, setup, today

urlpatterns = [
    path("setup/", setup.setup, name="setup"),
    path("login/", setup.sign_in, name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", today.today, name="today"),
    path("people/", people.people, name="people"),
    path("people/new", people.person_new, name="person_new"),
    path("people/<int:person_id>/", person.person_detail, name="person_detail"),
    path("people/<int:person_id>/edit", people.person_edit, name="person_edit"),
    path("people/<int:person_id>/archive", people.person_archive, name="person_archive"),
    path("people/<int:person_id>/unarchive", people.person_unarchive, name="person_unarchive"),
    path("people/<int:person_id>/delete", people.person_delete, name="person_delete"),
    path("people/<int:person_id>/log", person.person_log, name="person_log"),
    path("people/<int:person_id>/promise", person.person_promise, name="person_promise"),
    path(
        "people/<int:person_id>/reached-out", person.person_reached_out, name="person_reached_out"
    ),
    path("people/<int:person_id>/snooze", person.person_snooze, name="person_snooze"),
    path("people/<int:person_id>/unsnooze", person.person_unsnooze, name="person_unsnooze"),
    path("log/", interactions.log, name="log"),
    path("log/people", interactions.log_people, name="log_people"),
    path(
        "interactions/<int:interaction_id>/edit",
        interactions.interaction_edit,
        name="interaction_edit",
    ),
    path(
        "interactions/<int:interaction_id>/delete",
        interactions.interaction_delete,
        name="interaction_delete",
    ),
    path("promises/", promises.promises, name="promises"),
    path("promises/<int:promise_id>/done", promises.promise_done, name="promise_done"),
    path("promises/<int:promise_id>/reopen", promises.promise_reopen, name="promise_reopen"),
    path("promises/<int:promise_id>/snooze", promises.promise_snooze, name="promise_snooze"),
    path("promises/<int:promise_id>/unsnooze", promises.promise_unsnooze, name="promise_unsnooze"),
    path("promises/<int:promise_id>/delete", promises.promise_delete, name="promise_delete"),
    path("settings/", settings.settings_page, name="settings"),
    path("settings/tokens", settings.token_create, name="token_create"),
    path("settings/tokens/<int:token_id>/revoke", settings.token_revoke, name="token_revoke"),
    path("settings/password", settings.password_change, name="password_change"),
]
