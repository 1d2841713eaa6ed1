"""Django REST framework's own messages that its Indonesian catalogue
(rest_framework/locale/id) leaves in English.

Written in Indonesian like every source string here, so the English
catalogue translates them back. DRF fills the `{name}` placeholders with
str.format, so they keep DRF's braces rather than %(name)s. Installed once
at start-up by `CoreConfig.ready`, before any serializer field is built
(fields read their messages when they are created)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, fields, relations, serializers, validators

NOT_A_LIST = _("Isian ini harus berupa daftar, bukan “{input_type}”.")
EMPTY_LIST = _("Daftar ini tidak boleh kosong.")

FIELD_MESSAGES = {
    fields.CharField: {"invalid": _("Isian ini harus berupa teks.")},
    fields.FloatField: {
        "invalid": _("Isian ini harus berupa angka."),
        "max_string_length": _("Angka ini terlalu panjang."),
        "overflow": _("Angka ini terlalu besar."),
    },
    fields.DecimalField: {
        "invalid": _("Isian ini harus berupa angka."),
        "max_string_length": _("Angka ini terlalu panjang."),
    },
    fields.IntegerField: {"max_string_length": _("Angka ini terlalu panjang.")},
    fields.BooleanField: {"invalid": _("Isian ini harus true atau false.")},
    fields.UUIDField: {"invalid": _("Isian ini harus berupa UUID yang sah.")},
    fields.DateField: {"datetime": _("Isian ini harus berupa tanggal, bukan tanggal dan waktu.")},
    fields.DateTimeField: {
        "date": _("Isian ini harus berupa tanggal dan waktu, bukan tanggal saja."),
        "make_aware": _("Tanggal dan waktu ini tidak ada di zona waktu “{timezone}”."),
        "overflow": _("Tanggal dan waktu di luar jangkauan."),
    },
    fields.ListField: {
        "not_a_list": NOT_A_LIST,
        "empty": EMPTY_LIST,
        "min_length": _("Daftar ini harus berisi sedikitnya {min_length} butir."),
        "max_length": _("Daftar ini paling banyak berisi {max_length} butir."),
    },
    fields.DictField: {"empty": _("Isian ini tidak boleh kosong.")},
    fields.MultipleChoiceField: {"not_a_list": NOT_A_LIST},
    relations.PrimaryKeyRelatedField: {
        "incorrect_type": _("Jenis isian salah: diharapkan nomor id, diterima {data_type}."),
    },
    relations.SlugRelatedField: {
        "does_not_exist": _("Data dengan {slug_name}={value} tidak ada."),
        "invalid": _("Nilai tidak sah."),
    },
    relations.ManyRelatedField: {"not_a_list": NOT_A_LIST, "empty": EMPTY_LIST},
    serializers.Serializer: {"invalid": _("Data tidak sah: diharapkan objek JSON, diterima {datatype}.")},
    serializers.ListSerializer: {"not_a_list": NOT_A_LIST, "empty": EMPTY_LIST},
}


def install() -> None:
    exceptions.MethodNotAllowed.default_detail = _("Metode “{method}” tidak diizinkan.")
    exceptions.ParseError.default_detail = _("Permintaan tidak dapat dibaca.")
    exceptions.ValidationError.default_detail = _("Isian tidak sah.")
    validators.UniqueValidator.message = _("Nilai ini sudah dipakai.")
    validators.UniqueTogetherValidator.message = _("Gabungan {field_names} sudah dipakai.")
    for field_class, messages in FIELD_MESSAGES.items():
        # Each class's own dict: DRF merges them along the MRO when a field is made.
        field_class.default_error_messages = {**field_class.__dict__.get("default_error_messages", {}), **messages}
