"""The clerk's everyday screens on the demo's 120 people at 80 columns: one line a person under
unit headings, nothing wider than the terminal, names whole unless the terminal is too narrow,
and everything whole with --lebar (issue 13)."""

from __future__ import annotations

import json
import re

import pytest

NIP_LINE = re.compile(r"^(\d{16,18})\s")


@pytest.fixture
def at80(kerja, demo_db, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")

    def run(*args: str, code: int = 0) -> str:
        return kerja("--db", demo_db, *args, code=code).stdout

    return run


def person_lines(out: str) -> list[str]:
    return [line for line in out.splitlines() if NIP_LINE.match(line)]


def fits(out: str, width: int = 80) -> None:
    wide = [line for line in out.splitlines() if len(line) > width]
    assert not wide, wide[:3]


def test_presensi_harian_is_one_line_a_person(at80):
    day = json.loads(at80("presensi", "harian", "--tanggal", "2021-02-03", "--json"))
    out = at80("presensi", "harian", "--tanggal", "2021-02-03")
    lines = out.splitlines()
    assert len(day) == 120 and len(lines) <= 160, len(lines)
    fits(out)
    people = person_lines(out)
    assert sorted(NIP_LINE.match(p)[1] for p in people) == sorted(r["nip"] for r in day)
    # Unit headings: every unit of the day appears once, as a line of its own.
    headings = {r["unit"].split(" > ", 1)[-1] for r in day}
    assert headings <= set(lines), headings - set(lines)
    # The demo's names are at most 21 characters: at 80 columns none is cut.
    assert "…" not in out
    first = next(r for r in day if r["masuk"])
    line = next(p for p in people if p.startswith(first["nip"]))
    assert first["nama"] in line and first["masuk"] in line and (first["pulang"] or "") in line


def test_narrow_terminal_cuts_names_and_lebar_keeps_them(at80, monkeypatch):
    monkeypatch.setenv("COLUMNS", "60")
    out = at80("presensi", "harian", "--tanggal", "2021-02-03")
    fits(out, 60)
    assert "…" in out and len(person_lines(out)) == 120
    wide = at80("presensi", "harian", "--tanggal", "2021-02-03", "--lebar")
    assert "…" not in wide and len(person_lines(wide)) == 120


def test_pegawai_daftar_grouped_by_unit(at80):
    out = at80("pegawai", "daftar")
    fits(out)
    assert len(person_lines(out)) == 120 and len(out.splitlines()) <= 160
    assert "Bidang Aplikasi Informatika > Seksi Layanan E-Government" in out.splitlines()


def test_kinerja_daftar_names_the_person(at80):
    rows = json.loads(at80("kinerja", "daftar", "--menunggu", "--json"))
    out = at80("kinerja", "daftar", "--menunggu")
    fits(out)
    # 'N kegiatan' with Indonesian thousands; each person's heading carries NIP and name.
    assert out.splitlines()[0].startswith(f"{len(rows)} kegiatan")
    heads = person_lines(out)
    assert len(heads) == len({r["nip"] for r in rows})
    assert any("Tari Anggraeni" in h for h in heads)
    # one line per activity: its id right-aligned at the start of the line
    ids = {int(m[1]) for m in re.finditer(r"^\s*(\d+)  2021-02-\d\d", out, re.M)}
    assert ids == {r["id"] for r in rows}


def test_rekap_bulanan_screen(at80):
    out = at80("rekap", "bulanan", "--bulan", "2021-02")
    fits(out)
    assert len(person_lines(out)) == 120 and len(out.splitlines()) <= 160
    assert re.search(r"\b\d{1,3}(\.\d{3})+\s*$", person_lines(out)[0]), "Rupiah with dot thousands"
    assert re.search(r"\s\d+,\d\d\s", out), "percentages with a decimal comma"
    assert not re.search(r"\s\d+\.\d\d\s", out)


def test_jadwal_lihat_and_belum(at80):
    out = at80("jadwal", "lihat", "--mulai", "2021-02-01", "--sampai", "2021-02-05")
    fits(out)
    assert len(person_lines(out)) == 120
    assert "Pekan 01/02 s.d. 05/02/2021" in out
    absent = json.loads(at80("presensi", "belum", "--tanggal", "2021-02-10", "--json"))
    text = at80("presensi", "belum", "--tanggal", "2021-02-10")
    fits(text)
    assert {NIP_LINE.match(x)[1] for x in person_lines(text)} == {r["nip"] for r in absent}


def test_hari_ini_counts_and_lists(at80):
    view = json.loads(at80("hari-ini", "--tanggal", "2021-02-10", "--json"))
    j = view["jumlah"]
    out = at80("hari-ini", "--tanggal", "2021-02-10")
    fits(out)
    assert f"WFO {j['wfo']}, WFH {j['wfh']}, terlambat {j['telat']}" in " ".join(out.split())
    late = [r for r in view["pegawai"] if r["telat_menit"]]
    assert late and f"Terlambat: {len(late)}" in out
    for r in late:
        assert re.search(rf"^{r['nip']}  .*\s{r['telat_menit']} mnt$", out, re.M), r
    # Every person is listed once among WFO/WFH/... (late ones twice: late and their place).
    listed = person_lines(out)
    assert len(listed) == len(view["pegawai"]) + len(late) + j["tidak_sesuai_jadwal"]
    short = at80("hari-ini", "--tanggal", "2021-02-10", "--ringkas")
    assert "\nWFO: " not in short and f"Terlambat: {len(late)}" in short
