"""The demo Dinas: valid, unique identifiers, a supervision tree, the groups the circular cares
about, and the same people for the same seed."""

from __future__ import annotations

from collections import Counter
from datetime import date

from kerja.demo import institution
from kerja.domain.calendar import age_on
from kerja.domain.nip import parse_nip


def test_same_seed_same_dinas_other_seed_other_people():
    a, b = institution.build(), institution.build()
    assert a.people == b.people and a.conditions == b.conditions
    assert institution.build(seed=7).people != a.people


def test_about_120_people_with_leaders_and_mixed_status():
    d = institution.build()
    assert len(d.people) == 120
    jenis = Counter(p.jenis_jabatan for p in d.people)
    assert jenis["JPT"] == 1 and jenis["ADMINISTRATOR"] == 5 and jenis["PENGAWAS"] == 12
    status = Counter(p.status for p in d.people)
    assert status["PPPK"] >= 5 and status["NON-ASN"] >= 5 and status["PNS"] > 60
    leaves = {p.unit for p in d.people if len(p.unit) == 3}
    assert 10 <= len(leaves) <= 15
    assert all(p.eselon for p in d.people if p.leader)


def test_every_identifier_is_valid_unique_and_matches_birth_date_and_sex():
    d = institution.build()
    assert len({p.nip for p in d.people}) == len(d.people)
    assert len({p.pin for p in d.people}) == len(d.people)
    assert len({p.nama for p in d.people}) == len(d.people)
    for p in d.people:
        n = parse_nip(p.nip, p.status)
        if p.status != "NON-ASN":
            assert n.tanggal_lahir == p.tanggal_lahir and n.jenis_kelamin == p.jenis_kelamin
        else:
            assert len(p.nip) == 16 and p.nip.isdigit()


def test_supervisors_form_a_tree_rooted_at_the_kepala_dinas():
    d = institution.build()
    by = d.by_nip()
    roots = [p for p in d.people if p.nip_atasan is None]
    assert [r.jenis_jabatan for r in roots] == ["JPT"]
    for p in d.people:
        seen, node = set(), p
        while node.nip_atasan:
            assert node.nip_atasan in by and node.nip not in seen
            seen.add(node.nip)
            node = by[node.nip_atasan]
        assert node is roots[0]
    # staff report to the head of their own unit
    for p in d.people:
        if not p.leader:
            assert by[p.nip_atasan].unit == p.unit


def test_groups_the_circular_sends_home():
    d = institution.build()
    over_55 = [p for p in d.people if age_on(p.tanggal_lahir, date(2021, 2, 1)) >= 55]
    assert 3 <= len(over_55) <= 6
    kinds = Counter(c.jenis for c in d.conditions)
    assert kinds == {"hamil": 2, "odp": 1}
    by = d.by_nip()
    assert all(by[c.nip].jenis_kelamin == "P" for c in d.conditions if c.jenis == "hamil")


def test_files_import_cleanly(kerja, store, tmp_path):
    d = institution.build()
    csv_file = institution.write_csv(d, tmp_path / "pegawai.csv")
    assert csv_file.read_bytes().startswith(b"\xef\xbb\xbfNIP;")
    r = kerja("pegawai", "impor", csv_file)
    assert "120 ditambah" in r.stdout
    assert "Peringatan" not in r.stderr, r.stderr
    xlsx = institution.write_xlsx(d, tmp_path / "pegawai.xlsx")
    r = kerja("pegawai", "impor", xlsx)
    assert "tidak ada perubahan" in r.stdout, "the xlsx holds exactly the CSV's people"
    import json

    listed = {e["nip"]: e for e in json.loads(kerja("pegawai", "daftar", "--json").stdout)}
    kadis = next(p for p in d.people if p.jenis_jabatan == "JPT")
    assert listed[kadis.nip]["eselon"] == "II.b" and listed[kadis.nip]["tpp"] == kadis.tpp
    assert sum(1 for e in listed.values() if e["status"] == "NON-ASN") == 18


def test_circular_is_a_75_25_circular_for_the_month():
    import tomllib

    c = tomllib.loads(institution.circular_toml())
    assert c["kuota"]["wfo_persen"] == 25
    assert (c["mulai"], c["sampai"]) == (date(2021, 2, 1), date(2021, 2, 28))
    assert c["wfh_wajib"]["usia_min"] == 55 and "odp" in c["wfh_wajib"]["kondisi"]
