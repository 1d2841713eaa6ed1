"""Where meeting documents and follow-up evidence live: under VAR_DIR, never
under MEDIA_ROOT nor the static root, so no web server serves them by path.
They reach a person only through a view that asks the permission layer."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class MeetingFileStorage(FileSystemStorage):
    """A private file store whose folder follows `settings.VAR_DIR` at each
    use (tests point VAR_DIR at a temporary folder) and has no URL."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> Path:
        return Path(settings.VAR_DIR) / "meeting-docs"

    @property
    def location(self) -> str:
        return str(self.base_location.resolve())

    def url(self, name):  # pragma: no cover - guarded: nothing is served by path
        raise NotImplementedError("Meeting files are served only through a permission-checked view.")

    def deconstruct(self):
        return ("selaras.meetings.storage.MeetingFileStorage", (), {})


def meeting_storage() -> MeetingFileStorage:
    return MeetingFileStorage()
