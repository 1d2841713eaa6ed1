"""Official identifiers: a NIP is 18 digits with a known structure."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from selaras.core.validators import validate_nip

TODAY = dt.date(2026, 12, 1)


@pytest.mark.parametrize("nip", ["197406121996031002", "19740612 199603 1 002", "198802292012122001"])
def test_it_accepts_a_well_formed_nip(nip):
    validate_nip(nip, today=TODAY)


@pytest.mark.parametrize(
    "nip,code,words",
    [
        ("123", "nip_length", "18 angka"),
        ("19740612199603100", "nip_length", "18 angka"),
        ("1974061219960310021", "nip_length", "18 angka"),
        ("19740612-199603-1-002", "nip_length", "18 angka"),
        ("197413121996031002", "nip_birth", "tanggal lahir"),
        ("198702291996031002", "nip_birth", "tanggal lahir"),
        ("203001011996031002", "nip_birth", "tanggal lahir"),
        ("197406121996131002", "nip_appointment", "pengangkatan"),
        ("197406122031011002", "nip_appointment", "pengangkatan"),
        ("197406121980011002", "nip_age", "usia 6 tahun"),
        ("197406121996033002", "nip_sex", "jenis kelamin"),
        ("197406121996031000", "nip_serial", "nomor urut"),
    ],
)
def test_it_refuses_a_malformed_nip_saying_which_part_is_wrong(nip, code, words):
    with pytest.raises(ValidationError) as refused:
        validate_nip(nip, today=TODAY)
    assert refused.value.code == code
    assert words in refused.value.messages[0]
