"""The declared choices agree with the modules that act on them (params.py cannot import those
without slowing every command's start-up)."""

from __future__ import annotations

from kerja.cli import params


def test_choices_match_the_domain_and_io():
    from kerja.domain.circulars import JENIS_KONDISI
    from kerja.domain.rules import KODE_STATUS
    from kerja.domain.zones import ZONES
    from kerja.io.punch_files import FORMATS

    assert params.ZONA == tuple(ZONES)
    assert params.KODE_STATUS == KODE_STATUS
    assert params.JENIS_KONDISI == JENIS_KONDISI
    assert params.presensi_formats() == ("auto", *FORMATS)


def test_choices_are_case_insensitive_and_canonical():
    assert params.ZONE.convert("wita", None, None) == "WITA"
    assert params.STATUS_CODE.convert(" cltn ", None, None) == "CLTN"
    assert params.MODE.convert("WFH", None, None) == "wfh"
    assert params.SEPARATOR.convert("tab", None, None) == "\t"
    assert params.SEPARATOR.convert("\\t", None, None) == "\t"
    assert params.MONTH.convert("2021-2", None, None) == "2021-02"
