import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from selaras.core import formatting


def render(source: str, lang: str = "id", **context) -> str:
    with translation.override(lang):
        return Template(source).render(Context(context))


class TestRupiah:
    def test_it_writes_rupiah_the_indonesian_way(self):
        assert formatting.format_rupiah(1500000, lang="id") == "Rp1.500.000"

    def test_it_writes_idr_with_english_grouping_in_english(self):
        assert formatting.format_rupiah(1500000, lang="en") == "IDR 1,500,000"

    def test_both_languages_round_the_same_amount_the_same_way(self):
        amount = Decimal("1234567.5")
        id_digits = formatting.format_rupiah(amount, lang="id").removeprefix("Rp").replace(".", "")
        en_digits = formatting.format_rupiah(amount, lang="en").removeprefix("IDR ").replace(",", "")
        assert id_digits == en_digits == "1234568"

    def test_it_shows_sen_only_when_asked(self):
        assert formatting.format_rupiah(Decimal("1500000.50"), lang="id", decimals=True) == "Rp1.500.000,50"
        assert formatting.format_rupiah(Decimal("1500000.50"), lang="en", decimals=True) == "IDR 1,500,000.50"

    def test_it_puts_the_minus_before_the_currency(self):
        assert formatting.format_rupiah(-5000, lang="id") == "-Rp5.000"
        assert formatting.format_rupiah(-5000, lang="en") == "-IDR 5,000"

    def test_it_accepts_numeric_strings_from_spreadsheets(self):
        assert formatting.format_rupiah("2500000", lang="id") == "Rp2.500.000"

    def test_it_rejects_text_that_is_not_a_number(self):
        with pytest.raises(ValueError, match="Not a number: 'dua juta'"):
            formatting.format_rupiah("dua juta")

    def test_it_rejects_booleans(self):
        with pytest.raises(ValueError):
            formatting.format_rupiah(True)

    def test_the_filter_follows_the_active_language(self):
        assert render("{{ x|rupiah }}", "id", x=Decimal("750000")) == "Rp750.000"
        assert render("{{ x|rupiah }}", "en", x=Decimal("750000")) == "IDR 750,000"


class TestNumbers:
    def test_it_groups_thousands_with_dots_in_indonesian(self):
        assert formatting.format_number(1234567, lang="id") == "1.234.567"

    def test_it_groups_thousands_with_commas_in_english(self):
        assert formatting.format_number(1234567, lang="en") == "1,234,567"

    def test_it_fixes_decimal_places_with_the_language_separator(self):
        assert formatting.format_number(Decimal("12.5"), 2, lang="id") == "12,50"
        assert formatting.format_number(Decimal("12.5"), 2, lang="en") == "12.50"

    def test_the_filter_takes_decimal_places(self):
        assert render("{{ x|angka:1 }}", "id", x=Decimal("98765.43")) == "98.765,4"

    def test_the_filter_leaves_values_it_cannot_format_as_they_are(self):
        assert render("{{ x|angka }}", "id", x="tidak ada") == "tidak ada"
        assert render("{{ x|angka }}", "id", x=None) == ""


class TestDates:
    def test_it_writes_indonesian_month_names(self):
        assert formatting.format_date(dt.date(2024, 8, 17), lang="id") == "17 Agustus 2024"

    def test_it_writes_english_dates_day_first(self):
        assert formatting.format_date(dt.date(2024, 8, 17), lang="en") == "17 August 2024"

    def test_it_takes_the_date_of_a_timestamp_in_jakarta_time(self):
        # 20:00 UTC on the 16th is already the 17th in Jakarta (UTC+7).
        moment = dt.datetime(2024, 8, 16, 20, 0, tzinfo=dt.UTC)
        assert formatting.format_date(moment, lang="id") == "17 Agustus 2024"

    def test_it_reads_iso_strings(self):
        assert formatting.format_date("2025-01-02", lang="id") == "2 Januari 2025"

    def test_it_rejects_text_that_is_not_a_date(self):
        with pytest.raises(ValueError, match="Not a date"):
            formatting.format_date("kemarin")

    def test_the_filter_follows_the_active_language(self):
        day = dt.date(2024, 8, 17)
        assert render("{{ d|tanggal }}", "id", d=day) == "17 Agustus 2024"
        assert render("{{ d|tanggal }}", "en", d=day) == "17 August 2024"


class TestTerbilang:
    def test_it_spells_amounts_in_indonesian(self):
        assert formatting.terbilang(1500000, currency=True) == "satu juta lima ratus ribu rupiah"

    def test_it_spells_whole_decimals_as_integers(self):
        assert formatting.terbilang(Decimal("2000.00")) == "dua ribu"

    def test_it_stays_indonesian_in_the_english_interface(self):
        assert render("{{ x|terbilang:True }}", "en", x=25000) == "dua puluh lima ribu rupiah"


class TestUrlOrNone:
    def test_it_gives_the_url_of_an_existing_page(self):
        assert render('{% url_or_none "registry:region_detail" "33" as u %}{{ u }}') == "/wilayah/33/"

    def test_it_gives_none_for_a_page_this_installation_lacks(self):
        assert render('{% url_or_none "nowhere:page" as u %}{{ u|default:"-" }}') == "-"
