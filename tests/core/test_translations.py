"""The English catalogue: complete, compiled, and actually used.

Source strings are Indonesian; English comes only from
selaras/locale/en/LC_MESSAGES/django.po and its compiled .mo. These tests read
the .po with a small parser of their own (no polib), so they need nothing
beyond the standard library; the msgfmt cross-check is skipped where GNU
gettext is not installed."""

from __future__ import annotations

import ast
import gettext as stdlib_gettext
import html
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
PO = CATALOGUE / "django.po"
MO = CATALOGUE / "django.mo"


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False
    line: int = 0


def _unquote(text: str) -> str:
    # A .po string is a C-style quoted literal; Python's literal syntax
    # reads the escapes gettext writes (\n, \t, \", \\) the same way.
    return ast.literal_eval(text)


def parse_po(path: Path) -> list[Entry]:
    """Every entry of a .po file, in order, header included."""
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish() -> None:
        nonlocal entry, target
        if entry is not None and (entry.msgid or entry.msgstr):
            entries.append(entry)
        entry, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        obsolete = line.startswith("#~")
        if obsolete:
            line = line[2:].strip()
        if not line:
            finish()
            continue
        if line.startswith("#,"):
            if entry is not None and entry.msgstr:
                finish()
            entry = entry or Entry(line=number)
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#") and not obsolete:
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            if entry is None or target is None:
                raise ValueError(f"{path}:{number}: a continuation line outside an entry")
            name, index = target
            if name == "msgstr":
                entry.msgstr[index or 0] += _unquote(line)
            else:
                setattr(entry, name, (getattr(entry, name) or "") + _unquote(line))
            continue
        if keyword in {"msgctxt", "msgid"} and entry is not None and entry.msgstr:
            finish()
        entry = entry or Entry(line=number)
        entry.obsolete = entry.obsolete or obsolete
        plural = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
        if keyword in {"msgctxt", "msgid", "msgid_plural"}:
            setattr(entry, keyword, _unquote(rest))
            target = (keyword, None)
        elif keyword == "msgstr" or plural:
            index = int(plural.group(1)) if plural else 0
            entry.msgstr[index] = _unquote(rest)
            target = ("msgstr", index)
        else:
            raise ValueError(f"{path}:{number}: unexpected line {raw!r}")
    finish()
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    return [e for e in parse_po(PO) if e.msgid]


def _where(entry: Entry) -> str:
    return f"django.po line {entry.line}: {entry.msgid[:70]!r}"


def test_the_parser_reads_plural_and_multi_line_entries(tmp_path):
    # The checks below are only as good as this parser.
    sample = tmp_path / "sample.po"
    sample.write_text(
        'msgid ""\nmsgstr ""\n"Language: en\\n"\n\n'
        '#: a.py:1\n#, fuzzy, python-format\nmsgid ""\n"Dua "\n"baris %(n)s"\nmsgstr "Two lines %(n)s"\n\n'
        'msgid "%(n)s hari"\nmsgid_plural "%(n)s hari"\nmsgstr[0] "%(n)s day"\nmsgstr[1] ""\n\n'
        '#~ msgid "lama"\n#~ msgstr "old"\n',
        encoding="utf-8",
    )
    header, two_lines, days, old = parse_po(sample)
    assert header.msgid == "" and header.msgstr == {0: "Language: en\n"}
    assert two_lines.msgid == "Dua baris %(n)s" and "fuzzy" in two_lines.flags
    assert days.msgid_plural == "%(n)s hari" and days.msgstr == {0: "%(n)s day", 1: ""}
    assert old.obsolete and old.msgstr == {0: "old"}


def test_every_entry_is_translated(entries):
    untranslated = [_where(e) for e in entries if not e.obsolete and not all(e.msgstr.values())]
    assert not untranslated, f"{len(untranslated)} untranslated entries, e.g. {untranslated[:5]}"


def test_no_entry_is_left_fuzzy(entries):
    # gettext ignores fuzzy entries at runtime: the user would see Indonesian.
    fuzzy = [_where(e) for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"{len(fuzzy)} fuzzy entries, e.g. {fuzzy[:5]}"


def test_obsolete_entries_are_dropped(entries):
    assert not [_where(e) for e in entries if e.obsolete]


def test_plural_entries_have_both_english_forms(entries):
    plurals = [e for e in entries if e.msgid_plural]
    assert plurals, "the catalogue is expected to contain plural entries"
    incomplete = [_where(e) for e in plurals if sorted(e.msgstr) != [0, 1] or not all(e.msgstr.values())]
    assert not incomplete


PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[a-z]|%[sd]|\{\w*\}")


def test_translations_keep_every_placeholder(entries):
    broken = []
    for e in entries:
        expected = sorted(PLACEHOLDER.findall(e.msgid))
        for text in e.msgstr.values():
            if sorted(PLACEHOLDER.findall(text)) != expected:
                broken.append(_where(e))
    assert not broken, broken[:5]


def test_no_msgid_holds_an_unreadable_escape(entries):
    # xgettext reads a plain "..." Python string as bytes and keeps "\u201c"
    # literally, so such a msgid never matches the string Python looks up:
    # write the character itself (“ ”) in translated source strings.
    escaped = [_where(e) for e in entries if re.search(r"\\u[0-9a-fA-F]{4}|\\x[0-9a-fA-F]{2}", e.msgid)]
    assert not escaped


def test_msgfmt_reports_everything_translated():
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        pytest.skip("GNU gettext's msgfmt is not installed")
    result = subprocess.run(
        [msgfmt, "--check-format", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"\d+ translated messages\.\s*", result.stderr), result.stderr


def test_the_compiled_catalogue_matches_the_po(entries):
    # The .mo is what Django reads. Comparing contents rather than file times
    # catches a forgotten compilemessages without failing on a fresh clone,
    # where git gives both files the checkout time in no particular order.
    assert MO.exists(), "run `selaras compilemessages -l en`"
    with MO.open("rb") as handle:
        compiled = stdlib_gettext.GNUTranslations(handle)._catalog
    stale = []
    for e in entries:
        if e.obsolete:
            continue
        key = e.msgid if e.msgctxt is None else f"{e.msgctxt}\x04{e.msgid}"
        if e.msgid_plural:
            found = {i: compiled.get((key, i)) for i in e.msgstr}
        else:
            found = {0: compiled.get(key)}
        if found != e.msgstr:
            stale.append(_where(e))
    assert not stale, f"django.mo is older than django.po: {stale[:5]}"


@pytest.mark.parametrize(
    ("indonesian", "english"),
    [
        ("Rencana", "Plans"),
        ("Wilayah", "Regions"),
        ("Sinkronisasi", "Synchronisation"),
        ("Temuan", "Findings"),
        ("Surat rekomendasi", "Recommendation letters"),
        ("Pagu", "Budget ceiling"),
        ("Triwulan I", "Quarter I"),
        ("Program dan siklus", "Programmes and cycles"),
        ("Program “%(name)s” dibuat.", "Programme “%(name)s” created."),
    ],
)
def test_key_strings_read_in_english(indonesian, english):
    with translation.override("en"):
        assert translation.gettext(indonesian) == english
    with translation.override("id"):
        assert translation.gettext(indonesian) == indonesian


def test_plural_forms_follow_the_count_in_english():
    with translation.override("en"):
        one = translation.ngettext("%(counter)s rencana", "%(counter)s rencana", 1) % {"counter": 1}
        many = translation.ngettext("%(counter)s rencana", "%(counter)s rencana", 3) % {"counter": 3}
    assert (one, many) == ("1 plan", "3 plans")


# --- pages in English --------------------------------------------------------

INDONESIAN_UI_WORDS = re.compile(
    r"\b(Beranda|Wilayah|Instansi|Rencana|Sinkronisasi|Keluar|Masuk|Cari|Simpan|Semua|Belum|Terapkan|"
    r"Langsung ke isi utama|Navigasi utama)\b"
)


def _visible_text(page: str) -> str:
    page = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return re.sub(r"\s+", " ", html.unescape(page))


def _get(client, user, url: str, language: str) -> str:
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


PAGES = ["registry:region_list", "registry:agency_list", "plans:plan_list", "plans:programme_list", "sync:index"]


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", PAGES)
def test_pages_carry_no_indonesian_interface_words_in_english(client, cast, url_name):
    page = _get(client, cast.coordinator, reverse(url_name), "en")
    assert '<html lang="en"' in page
    leftovers = sorted(set(INDONESIAN_UI_WORDS.findall(_visible_text(page))))
    assert not leftovers, f"{url_name} in English still shows {leftovers}"


@pytest.mark.django_db
def test_the_same_page_in_indonesian_shows_indonesian_words(client, cast):
    # Proves the detector above finds something when the words are there.
    page = _get(client, cast.coordinator, reverse("plans:plan_list"), "id")
    found = set(INDONESIAN_UI_WORDS.findall(_visible_text(page)))
    assert {"Beranda", "Wilayah", "Rencana", "Keluar"} <= found


@pytest.mark.django_db
def test_the_navigation_reads_in_english(client, cast):
    page = _get(client, cast.planner_a, reverse("registry:region_list"), "en")
    nav = page[page.index('class="main-nav"') : page.index("</nav>", page.index('class="main-nav"'))]
    labels = re.findall(r"<a [^>]*>([^<]+)</a>", nav)
    assert labels[:5] == ["Home", "Regions", "Agencies", "Plans", "Synchronisation"]
