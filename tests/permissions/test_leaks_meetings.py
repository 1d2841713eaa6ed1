"""Leak-matrix rows for meetings, in the world of
tests/permissions/conftest.py (see test_leaks.py for the rest).

- coop: the RI–UNICEF meeting run by SUPD IV (the coordinator), scheduled;
  ministry B and the region Jawa Tengah invited; ministry B's follow-up is
  done with evidence, awaiting verification.
- draft: a RI–UNICEF meeting still in draft, ministry A invited: only its
  coordinators see it.
- tp: Kemendagri's co-administration meeting, held; Papua invited; a
  follow-up owned by ministry A (not invited: it sees the meeting through
  its follow-up) and one owned by the region Papua.
National viewers read every meeting once it is no longer a draft.
"""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from rest_framework.test import APIClient

from selaras.core.access import READ, WRITE, can, restrict
from selaras.meetings import services
from selaras.meetings.policies import COORDINATE, UPDATE_FOLLOWUP, VERIFY_FOLLOWUP
from tests.permissions.test_leaks import MEMBERS

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n%%EOF\n"
COOP, DRAFT, TP = "coop", "draft", "tp"
ALL = {COOP, DRAFT, TP}


def row(**seen: set[str]) -> dict[str, set[str]]:
    return {m: set(seen.get(m, set())) for m in MEMBERS}


def by_meeting(names: dict[str, set[str]]) -> dict[str, set[str]]:
    """Rows of a part of meetings: each member sees the parts of the
    meetings it reads (`names`: meeting -> the part's names)."""
    readers = EXPECTED[("meetings.meeting", READ)]
    return {m: set().union(*(names.get(x, set()) for x in readers[m])) for m in MEMBERS}


def by_writer(names: dict[str, set[str]]) -> dict[str, set[str]]:
    writers = EXPECTED[("meetings.meeting", WRITE)]
    return {m: set().union(*(names.get(x, set()) for x in writers[m])) for m in MEMBERS}


EXPECTED: dict[tuple[str, str], dict[str, set[str]]] = {
    ("meetings.meeting", READ): row(
        admin=ALL,
        coordinator={COOP, DRAFT},
        planner_a={TP},
        planner_b={COOP},
        officer_jateng={COOP},
        officer_papua={TP},
        viewer={COOP, TP},
    ),
    ("meetings.meeting", WRITE): row(admin=ALL, coordinator={COOP, DRAFT}),
    ("meetings.meeting", COORDINATE): row(admin=ALL, coordinator={COOP, DRAFT}),
}
_PARTS = {
    "meetings.participant": {COOP: {"p_coop_b", "p_coop_jateng"}, DRAFT: {"p_draft_a"}, TP: {"p_tp_papua"}},
    "meetings.agendaitem": {COOP: {"agenda_coop"}, TP: {"agenda_tp"}},
    "meetings.conclusion": {COOP: {"conclusion_coop"}, TP: {"conclusion_tp"}},
    "meetings.document": {COOP: {"document_coop"}, DRAFT: {"document_draft"}},
    "meetings.followup": {COOP: {"followup_coop_b"}, TP: {"followup_tp_a", "followup_tp_papua"}},
    "meetings.followupupdate": {COOP: {"update_coop_b"}, TP: {"update_tp_a"}},
}
for _label, _names in _PARTS.items():
    EXPECTED[(_label, READ)] = by_meeting(_names)
    EXPECTED[(_label, WRITE)] = row() if _label == "meetings.followupupdate" else by_writer(_names)
EXPECTED[("meetings.followup", COORDINATE)] = by_writer(_PARTS["meetings.followup"])
EXPECTED[("meetings.followup", UPDATE_FOLLOWUP)] = row(
    admin={"followup_tp_a", "followup_tp_papua"}, planner_a={"followup_tp_a"}, officer_papua={"followup_tp_papua"}
)
EXPECTED[("meetings.followup", VERIFY_FOLLOWUP)] = row(admin={"followup_coop_b"}, coordinator={"followup_coop_b"})

API_LISTS = {
    "meetings.meeting": "/api/meetings/",
    "meetings.agendaitem": "/api/meeting-agenda/",
    "meetings.conclusion": "/api/meeting-conclusions/",
    "meetings.followup": "/api/followups/",
    "meetings.followupupdate": "/api/followup-updates/",
}


@pytest.fixture
def meetings(world, reference, settings, tmp_path) -> dict[str, dict[str, object]]:
    settings.VAR_DIR = tmp_path / "var"
    u = world.users
    programmes = world.records["plans.programme"]
    when = timezone.make_aware(datetime.datetime(2025, 3, 5, 9))

    def meeting(by, title, organiser, programme):
        return services.meeting_create(
            by=by, kind="rakor", title=title, organiser=organiser, programme=programme, starts_at=when
        )

    coordinator, admin = u["coordinator"], u["admin"]
    coop = meeting(coordinator, "Rakortekpus", reference.supd4, programmes["prog_coop"])
    draft = meeting(coordinator, "Persiapan", reference.supd4, programmes["prog_coop"])
    tp = meeting(admin, "Rakor TP", reference.kemendagri, programmes["prog_tp"])
    p_coop_b = services.participant_add(meeting=coop, by=coordinator, agency=reference.ministry_b)
    p_coop_jateng = services.participant_add(meeting=coop, by=coordinator, region=reference.jateng)
    p_draft_a = services.participant_add(meeting=draft, by=coordinator, agency=reference.ministry_a)
    p_tp_papua = services.participant_add(meeting=tp, by=admin, region=reference.papua)
    coop = services.meeting_schedule(meeting=coop, by=coordinator)
    tp = services.meeting_hold(meeting=services.meeting_schedule(meeting=tp, by=admin), by=admin)

    def pdf(name):
        return SimpleUploadedFile(name, PDF)

    fu_coop_b = services.followup_create(
        meeting=coop, by=coordinator, text="RKT final.", owner_agency=reference.ministry_b
    )
    fu_tp_a = services.followup_create(meeting=tp, by=admin, text="Permen.", owner_agency=reference.ministry_a)
    fu_tp_papua = services.followup_create(meeting=tp, by=admin, text="SK.", owner_region=reference.papua)
    services.followup_complete(followup=fu_coop_b, by=u["planner_b"], evidence=pdf("bukti.pdf"))
    update_tp_a = services.followup_update_add(followup=fu_tp_a, by=u["planner_a"], text="Draf permen.")
    return {
        "meetings.meeting": {COOP: coop, DRAFT: draft, TP: tp},
        "meetings.participant": {
            "p_coop_b": p_coop_b,
            "p_coop_jateng": p_coop_jateng,
            "p_draft_a": p_draft_a,
            "p_tp_papua": p_tp_papua,
        },
        "meetings.agendaitem": {
            "agenda_coop": services.agenda_add(meeting=coop, by=coordinator, title="RKT 2025"),
            "agenda_tp": services.agenda_add(meeting=tp, by=admin, title="Usulan TP"),
        },
        "meetings.conclusion": {
            "conclusion_coop": services.conclusion_add(meeting=coop, by=coordinator, text="Disepakati."),
            "conclusion_tp": services.conclusion_add(meeting=tp, by=admin, text="Rekomendasi.", is_public=True),
        },
        "meetings.document": {
            "document_coop": services.document_add(meeting=coop, by=coordinator, upload=pdf("undangan.pdf")),
            "document_draft": services.document_add(meeting=draft, by=coordinator, upload=pdf("draf.pdf")),
        },
        "meetings.followup": {"followup_coop_b": fu_coop_b, "followup_tp_a": fu_tp_a, "followup_tp_papua": fu_tp_papua},
        "meetings.followupupdate": {"update_coop_b": fu_coop_b.updates.get(), "update_tp_a": update_tp_a},
    }


def _names(records: dict[str, object], pks) -> set[str]:
    pks = list(pks)
    unnamed = set(pks) - {r.pk for r in records.values()}
    return {name for name, r in records.items() if r.pk in set(pks)} | {f"<unnamed #{pk}>" for pk in unnamed}


@pytest.mark.parametrize("label,action", sorted(EXPECTED))
def test_restrict_and_can_give_each_member_exactly_the_expected_meeting_records(world, meetings, label, action):
    model = apps.get_model(label)
    records = meetings[label]
    wrong = {}
    for member in MEMBERS:
        user = world.users.get(member)
        seen = _names(records, restrict(model._default_manager.all(), user, action).values_list("pk", flat=True))
        one_by_one = {name for name, r in records.items() if can(user, action, r)}
        if seen != EXPECTED[(label, action)][member] or one_by_one != seen:
            wrong[member] = (seen, one_by_one)
    assert wrong == {}


@pytest.mark.parametrize("label", sorted(API_LISTS))
def test_the_meetings_api_gives_each_member_exactly_what_they_read(world, meetings, label):
    wrong = {}
    for member in MEMBERS:
        client = APIClient()
        if world.users.get(member) is not None:
            client.force_authenticate(world.users[member])
        response = client.get(API_LISTS[label], {"limit": 100})
        if response.status_code in (401, 403):
            seen = set()
        else:
            seen = _names(meetings[label], [r["id"] for r in response.json()["results"]])
        if seen != EXPECTED[(label, READ)][member]:
            wrong[member] = seen
    assert wrong == {}


def test_the_evidence_file_is_named_only_to_readers_of_the_meeting(world, meetings):
    update = meetings["meetings.followupupdate"]["update_coop_b"]
    assert update.evidence
    for member in ("planner_a", "officer_papua", "admin_jateng"):
        client = APIClient()
        client.force_authenticate(world.users[member])
        assert client.get(f"/api/followup-updates/{update.pk}/").status_code == 404, member


def test_an_empty_post_creates_nothing_for_anyone(world, meetings):
    for label, url in API_LISTS.items():
        model = apps.get_model(label)
        before = model._default_manager.count()
        for member in MEMBERS:
            client = APIClient()
            if world.users.get(member) is not None:
                client.force_authenticate(world.users[member])
            status = client.post(url, {}, format="json").status_code
            assert status in ({401, 403} if member == "anonymous" else {400, 403}), (label, member, status)
        assert model._default_manager.count() == before, label
