"""The bell, the list, opening and marking read, and the preferences page."""

from __future__ import annotations

import pytest
from django.urls import reverse

from selaras.notifications.models import Notification, NotificationKind, NotificationPreference
from selaras.notifications.services import notify

pytestmark = pytest.mark.django_db
LIST = reverse("notifications:notification_list")


def _note(user, key="1", url="/rencana/"):
    return notify(
        kind=NotificationKind.JOB_SUCCEEDED, key=key, recipients=[user], params={"job": f"Impor {key}"}, url=url
    )[0]


def test_the_bell_shows_the_unread_count(client, cast):
    _note(cast.planner_a, "1")
    read = _note(cast.planner_a, "2")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    client.force_login(cast.planner_a)
    html = client.get(reverse("home:home")).content.decode()
    assert 'class="bell-count">1<' in html


def test_no_count_without_unread_notifications(client, cast):
    client.force_login(cast.planner_b)
    html = client.get(reverse("home:home")).content.decode()
    assert "bell-count" not in html
    assert LIST in html


def test_the_list_shows_mine_newest_first_with_unread_highlighted(client, cast):
    _note(cast.planner_a, "lama")
    _note(cast.planner_a, "baru")
    _note(cast.planner_b, "rahasia")
    client.force_login(cast.planner_a)
    html = client.get(LIST).content.decode()
    assert html.index("Impor baru") < html.index("Impor lama")
    assert "Impor rahasia" not in html
    assert html.count("notification-unread") == 2


def test_opening_one_marks_it_read_and_follows_its_link(client, cast):
    note = _note(cast.planner_a, url="/rencana/")
    client.force_login(cast.planner_a)
    response = client.post(reverse("notifications:notification_open", args=[note.pk]))
    assert response.status_code == 302 and response["Location"] == "/rencana/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_it_never_follows_a_link_to_another_site(client, cast):
    note = _note(cast.planner_a, url="https://jahat.example/")
    client.force_login(cast.planner_a)
    response = client.post(reverse("notifications:notification_open", args=[note.pk]))
    assert response["Location"] == LIST


def test_another_persons_notification_is_not_found(client, cast):
    note = _note(cast.planner_a)
    client.force_login(cast.planner_b)
    assert client.post(reverse("notifications:notification_open", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read_marks_only_mine(client, cast):
    _note(cast.planner_a, "1")
    _note(cast.planner_a, "2")
    theirs = _note(cast.planner_b, "3")
    client.force_login(cast.planner_a)
    client.post(reverse("notifications:notification_read_all"))
    assert not Notification.objects.filter(recipient=cast.planner_a, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_preferences_page_saves_the_choices(client, cast):
    client.force_login(cast.planner_a)
    page = client.get(reverse("notifications:preference_edit")).content.decode()
    assert 'name="plan.returned:email"' in page
    client.post(reverse("notifications:preference_edit"), {"plan.returned:in_app": "on"})
    pref = NotificationPreference.objects.get(user=cast.planner_a, kind=NotificationKind.PLAN_RETURNED)
    assert (pref.in_app, pref.email) == (True, False)
    assert not NotificationPreference.objects.get(user=cast.planner_a, kind=NotificationKind.JOB_FAILED).in_app


def test_the_api_lists_only_mine_and_marks_read(client, cast):
    mine = _note(cast.planner_a, "1")
    _note(cast.planner_b, "2")
    client.force_login(cast.planner_a)
    data = client.get("/api/notifications/").json()
    assert [row["id"] for row in data["results"]] == [mine.pk]
    assert client.post(f"/api/notifications/{mine.pk}/read/").json()["unread"] is False
