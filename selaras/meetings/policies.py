"""Access policies for meetings, registered into the one permission layer
(`selaras.core.access`). Read with tests/permissions/test_leaks_meetings.py.

Who sees a meeting and everything of it (participants, agenda, documents,
conclusions, follow-ups and their updates with evidence):
- its coordinators: the programme's coordinating unit, national
  coordinators, and the organiser agency's coordinators and planners;
- once it is no longer a draft: the planners of invited agencies, the
  officers of invited regions (and of invited regional governments), the
  owners of its follow-ups, and national viewers.
Public conclusions reach the portal through `selectors.public_conclusions`,
not through these rules.

Actions:
- `write` a meeting or its parts: its coordinators, until it is closed;
- `coordinate` a meeting: its coordinators, whatever its status (verify,
  reopen or drop follow-ups after the meeting closed);
- `update_followup`: the owner agency's planners or the owner region's
  officers, while the follow-up is open or in progress;
- `verify_followup`: the meeting's coordinators, on a follow-up marked done.
Creating a meeting (`can_create(user, Meeting, programme=…, organiser=…)`) is
for whoever would coordinate it.
"""

from __future__ import annotations

from django.db.models import Q

from selaras.core.access import EVERYTHING, NOTHING, READ, WRITE, Grants, RoleName, allows, any_of, create_check, policy

COORDINATE = "coordinate"
UPDATE_FOLLOWUP = "update_followup"
VERIFY_FOLLOWUP = "verify_followup"

_DRAFT = "draft"
_CLOSED = "closed"
_PENDING = ("open", "in_progress")


def _ids(ids: set[int]) -> list[int]:
    return sorted(ids)


def meeting_coordinator_q(g: Grants, prefix: str = "") -> Q:
    """Meetings (or, with a prefix such as "meeting__", their parts) the
    user runs, whatever their status."""
    if g.is_admin or g.is_national(RoleName.COORDINATOR):
        return EVERYTHING
    parts: list[Q] = []
    coordinated = g.agency_ids(RoleName.COORDINATOR)
    if coordinated:
        parts.append(Q(**{f"{prefix}programme__coordinator_id__in": _ids(coordinated)}))
    organising = g.agency_ids(RoleName.COORDINATOR, RoleName.PLANNER)
    if organising:
        parts.append(Q(**{f"{prefix}organiser_id__in": _ids(organising)}))
    return any_of(parts)


def followup_owner_q(g: Grants, prefix: str = "") -> Q:
    """Follow-ups the user answers for: its owner agency's planners (a
    regional government's also by the officers of its region) and the owner
    region's officers."""
    if g.is_admin:
        return EVERYTHING
    parts: list[Q] = []
    planned = g.agency_ids(RoleName.PLANNER)
    if planned:
        parts.append(Q(**{f"{prefix}owner_agency_id__in": _ids(planned)}))
    if g.region_codes(RoleName.REGIONAL):
        parts.append(g.region_q(f"{prefix}owner_region__code", RoleName.REGIONAL))
        parts.append(g.region_q(f"{prefix}owner_agency__region__code", RoleName.REGIONAL))
    return any_of(parts)


def _invited_meeting_ids(g: Grants):
    from selaras.meetings.models import FollowUp, Participant

    participant_parts: list[Q] = []
    planned = g.agency_ids(RoleName.PLANNER)
    if planned:
        participant_parts.append(Q(agency_id__in=_ids(planned)))
    if g.region_codes(RoleName.REGIONAL):
        participant_parts.append(g.region_q("region__code", RoleName.REGIONAL))
        participant_parts.append(g.region_q("agency__region__code", RoleName.REGIONAL))
    ids = []
    invited = any_of(participant_parts)
    if invited != NOTHING:
        ids.append(Q(pk__in=Participant.objects.filter(invited).values("meeting_id")))
    owned = followup_owner_q(g)
    if owned != NOTHING:
        ids.append(Q(pk__in=FollowUp.objects.filter(owned).values("meeting_id")))
    return ids


def meeting_read_q(g: Grants, prefix: str = "") -> Q:
    if g.is_admin:
        return EVERYTHING
    if g.is_anonymous:
        return NOTHING
    coordinated = meeting_coordinator_q(g, prefix)
    if coordinated == EVERYTHING:
        return EVERYTHING
    from selaras.meetings.models import Meeting

    shared: list[Q] = [] if not g.is_national(RoleName.VIEWER) else [EVERYTHING]
    shared += _invited_meeting_ids(g)
    seen = any_of(shared)
    parts = [coordinated]
    if seen != NOTHING:
        published = Meeting.objects.exclude(status=_DRAFT).filter(seen).values("pk")
        parts.append(Q(**{f"{prefix}pk__in": published}))
    return any_of(parts)


def meeting_write_q(g: Grants, prefix: str = "") -> Q:
    coordinated = meeting_coordinator_q(g, prefix)
    return NOTHING if coordinated == NOTHING else coordinated & ~Q(**{f"{prefix}status": _CLOSED})


def _update_followup(g: Grants) -> Q:
    owned = followup_owner_q(g)
    if owned == NOTHING:
        return NOTHING
    # An owner acts only on follow-ups of meetings it may read (never a draft's).
    return owned & Q(status__in=_PENDING) & meeting_read_q(g, "meeting__")


def _verify_followup(g: Grants) -> Q:
    coordinated = meeting_coordinator_q(g, "meeting__")
    return NOTHING if coordinated == NOTHING else coordinated & Q(status="done")


policy("meetings.meeting", READ)(meeting_read_q)
policy("meetings.meeting", WRITE)(meeting_write_q)
policy("meetings.meeting", COORDINATE)(meeting_coordinator_q)
for _label in ("meetings.participant", "meetings.agendaitem", "meetings.document", "meetings.conclusion"):
    policy(_label, READ)(lambda g: meeting_read_q(g, "meeting__"))
    policy(_label, WRITE)(lambda g: meeting_write_q(g, "meeting__"))
policy("meetings.followup", READ)(lambda g: meeting_read_q(g, "meeting__"))
policy("meetings.followup", WRITE)(lambda g: meeting_write_q(g, "meeting__"))
policy("meetings.followup", COORDINATE)(lambda g: meeting_coordinator_q(g, "meeting__"))
policy("meetings.followup", UPDATE_FOLLOWUP)(_update_followup)
policy("meetings.followup", VERIFY_FOLLOWUP)(_verify_followup)
policy("meetings.followupupdate", READ)(lambda g: meeting_read_q(g, "followup__meeting__"))
# Progress notes are written only by the follow-up services, never edited.
policy("meetings.followupupdate", WRITE)(lambda g: NOTHING)


@create_check("meetings.meeting")
def _meeting_create(g: Grants, **context) -> bool:
    if g.is_anonymous:
        return False
    if g.is_admin or g.is_national(RoleName.COORDINATOR):
        return True
    programme = context.get("programme")
    organiser = context.get("organiser")
    if programme is None and organiser is None:
        # The coarse question (the "new meeting" button).
        return g.has_role(RoleName.COORDINATOR) or bool(g.agency_ids(RoleName.PLANNER))
    if programme is not None and allows(g, COORDINATE, programme):
        return True
    return organiser is not None and organiser.pk in g.agency_ids(RoleName.COORDINATOR, RoleName.PLANNER)
