"""Meeting pages: the list and one meeting with its parts, the forms that
write through the meeting services, follow-ups and their updates, files
served only to readers, the calendar file and the follow-up dashboard."""
