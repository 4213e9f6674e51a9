"""`kerja layan` in a real browser: Debian's chromium driven by Playwright (never `playwright
install`; `.ci/run` installs chromium with apt-get when it is missing).

One morning, through the pages only: Bagas logs in with his one-time password, is made to change
it, checks in (his phone's location is 1.1 km from the office), records an activity and asks for a
correction of yesterday's check-out; his supervisor Kurnia logs in, approves both on Validasi; the
clerk's `rekap rincian` then shows them. Every page is photographed at 360 px and 1280 px wide and
must not scroll sideways on the phone. Screenshots go to $KERJA_ARTEFAK (CI) or the test's tmp dir."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from .conftest import ATASAN, PEGAWAI, PETUGAS

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# .ci/run sets this: there the browser test must run, never skip.
REQUIRED = os.environ.get("KERJA_BROWSER_WAJIB") == "1"
SANDI_BAGAS = "pagi-yang-cerah-42"
SANDI_KURNIA = "atasan-yang-teliti-7"
SANDI_ZULFAN = "petugas-kepegawaian-9"
# The unit's office and Bagas's phone: 0.0100 degrees of latitude apart,
# 6,371,000 m x 0.01 x pi/180 = 1,112 m, beyond the 200 m radius.
KANTOR = "-0.5000,117.1500"
HP = {"latitude": -0.49, "longitude": 117.15, "accuracy": 15}


def _browser_or_skip() -> Any:
    reason = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        reason = "playwright is not installed (pip install -e '.[test]')"
    if reason is None and not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing (apt-get install chromium; .ci/run does it)"
    if reason is not None:
        if REQUIRED:
            pytest.fail(f"browser test required (KERJA_BROWSER_WAJIB=1) but {reason}")
        pytest.skip(reason)
    return sync_playwright


def q(db: Path, sql: str, *args: Any) -> list[dict[str, Any]]:
    conn = sqlite3.connect(db)
    conn.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in conn.execute(sql, args)]
    finally:
        conn.close()


class Layar:
    """Screenshots of each page at phone and desktop width; the phone one must fit its width."""

    def __init__(self, page: Any, folder: Path) -> None:
        self.page = page
        self.folder = folder
        self.taken: list[Path] = []

    def shoot(self, name: str) -> None:
        for width, height in ((360, 740), (1280, 800)):
            self.page.set_viewport_size({"width": width, "height": height})
            if width == 360:
                scroll, inner = self.page.evaluate(
                    "[document.documentElement.scrollWidth, window.innerWidth]"
                )
                assert scroll <= inner, f"{name}: {scroll} px wide in a {inner} px window (360 px phone)"
            path = self.folder / f"{name}-{width}.png"
            self.page.screenshot(path=str(path), full_page=True)
            self.taken.append(path)
        self.page.set_viewport_size({"width": 360, "height": 740})


def submit(page: Any, selector: str) -> None:
    """Click a submit button and wait for the page the POST redirects to (a new navigation)."""
    with page.expect_navigation():
        page.click(selector)


def login(page: Any, nip: str, sandi: str) -> None:
    page.goto("/masuk")
    page.fill("input[name=nip]", nip)
    page.fill("input[name=sandi]", sandi)
    submit(page, "form.kartu button[type=submit]")


def first_login(page: Any, nip: str, once: str, baru: str, shots: Layar | None = None) -> None:
    """The one-time password leads to the change form and nowhere else until it is changed."""
    login(page, nip, once)
    page.wait_for_url("**/sandi")
    if shots is not None:
        shots.shoot("sandi")
    page.goto("/kinerja")
    page.wait_for_url("**/sandi")  # forced back
    page.fill("input[name=lama]", once)
    page.fill("input[name=baru]", baru)
    page.fill("input[name=ulang]", baru)
    submit(page, "form.kartu button[type=submit]")
    assert "Sandi diganti." in page.inner_text("p.pesan")


def logout(page: Any) -> None:
    submit(page, "form.keluar button")


def test_a_morning_in_the_browser(kerja, proses, sample: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sync_playwright = _browser_or_skip()
    folder = Path(os.environ.get("KERJA_ARTEFAK") or tmp_path) / "layar"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    kerja("unit", "ubah", "Diskominfo Sungai Lestari", "--lokasi", KANTOR, "--radius", "200")
    once = {
        nip: json.loads(kerja("akun", "buat", nip, "--json", *extra).stdout)["sandi"]
        for nip, extra in ((PEGAWAI, ()), (ATASAN, ()), (PETUGAS, ("--peran", "petugas")))
    }
    server = proses()  # `kerja layan`, the clock fixed at Wed 2021-02-03 07:41:20 WIB

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profil"),  # a fresh user-data dir
            executable_path=str(CHROMIUM),
            args=ARGS,
            headless=True,
            base_url=server.url,
            viewport={"width": 360, "height": 740},
            geolocation=HP,
            permissions=["geolocation"],
            locale="id-ID",
        )
        context.set_default_timeout(15_000)
        try:
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m: m.type == "error" and errors.append(f"{m.text} {m.location['url']}"))
            page.on("pageerror", lambda e: errors.append(str(e)))
            shots = Layar(page, folder)

            # The employee ------------------------------------------------------------------
            page.goto("/")
            page.wait_for_url("**/masuk")
            shots.shoot("masuk")
            login(page, PEGAWAI, "bukan-sandinya")
            assert "NIP atau sandi salah." in page.inner_text("p.pesan.galat")
            first_login(page, PEGAWAI, once[PEGAWAI], SANDI_BAGAS, shots)
            shots.shoot("hari-ini")

            # kerja.js asks for the location, fills the hidden fields and submits.
            submit(page, "button[name=jenis][value=masuk]")
            # 07:41 against the 07:30 start: 41 - 30 = 11 minutes late.
            note = page.inner_text("p.pesan.ok")
            assert "Masuk tercatat pukul 07:41 (WFO), terlambat 11 menit" in note, note
            assert "di luar radius" in page.inner_text("main table")
            shots.shoot("hari-ini-masuk")

            page.click("nav a[href='/kinerja']")
            page.wait_for_url("**/kinerja")
            assert page.input_value("input[name=tanggal]") == "2021-02-03"
            page.fill("input[name=mulai]", "08:00")
            page.fill("input[name=selesai]", "09:30")
            page.fill("textarea[name=uraian]", "Menyusun <b>laporan</b> & rekap")
            page.fill("input[name=output]", "1 laporan")
            submit(page, "form.kartu button[type=submit]")
            # 09:30 - 08:00 = 90 minutes.
            assert "(90 menit), menunggu validasi atasan" in page.inner_text("p.pesan.ok")
            # What he typed is shown as text, not markup.
            assert page.inner_text("td.uraian").startswith("Menyusun <b>laporan</b> & rekap")
            shots.shoot("kinerja")

            page.click("nav a[href='/permohonan']")
            page.wait_for_url("**/permohonan")
            page.fill("input[name=tanggal]", "2021-02-02")
            page.fill("input[name=pulang]", "16:10")
            page.fill("textarea[name=alasan]", "lupa presensi pulang")
            submit(page, "form.kartu button[type=submit]")
            assert "dikirim ke atasan" in page.inner_text("p.pesan.ok")
            shots.shoot("permohonan")
            page.click("nav a[href='/bulan']")
            page.wait_for_url("**/bulan")
            shots.shoot("bulan")
            assert not page.locator("nav a[href='/validasi']").count()  # he supervises no one
            logout(page)

            # The supervisor ----------------------------------------------------------------
            first_login(page, ATASAN, once[ATASAN], SANDI_KURNIA)
            page.click("nav a[href='/validasi']")
            page.wait_for_url("**/validasi")
            shots.shoot("validasi")
            page.check("input[data-pilih-semua]")  # kerja.js ticks every activity
            assert page.locator("input[name=id]:checked").count() == 1
            submit(page, "button[name=aksi][value=setujui]")
            assert "1 kegiatan disetujui." in page.inner_text("p.pesan.ok")
            submit(page, "button[name=setuju][value=ya]")
            assert "disetujui" in page.inner_text("p.pesan.ok")
            assert "Tidak ada kegiatan yang menunggu." in page.inner_text("main")
            assert "Tidak ada permohonan yang menunggu." in page.inner_text("main")
            logout(page)

            # The clerk (petugas) sees everyone's day ------------------------------------------
            first_login(page, PETUGAS, once[PETUGAS], SANDI_ZULFAN)
            page.click("nav a[href='/petugas']")
            page.wait_for_url("**/petugas")
            assert "Bagas Dirgantara" in page.inner_text("table.daftar")
            shots.shoot("petugas")
            logout(page)
            # The one expected: the wrong password's page is answered 401.
            assert [e for e in errors if "status of 401" not in e or "/masuk" not in e] == []
        finally:
            context.close()

    assert server.stop() == 0
    log = server.log()

    # What the store holds: the web's own records, and the approved request as the clerk's record.
    ev = q(sample, "SELECT * FROM presensi WHERE nip = ? ORDER BY id", PEGAWAI)
    assert [(e["waktu"], e["jenis"], e["mode"], e["sumber"], e["oleh"]) for e in ev] == [
        ("2021-02-03T07:41:20+07:00", "masuk", "WFO", "web", PEGAWAI),
        ("2021-02-02T16:10:00+07:00", "pulang", "WFO", "manual", ATASAN),
    ]
    assert (ev[0]["jarak_m"], ev[0]["di_luar_radius"], ev[0]["akurasi_m"]) == (1112, 1, 15)
    act = q(sample, "SELECT * FROM kinerja WHERE nip = ?", PEGAWAI)
    assert [(a["menit"], a["status"], a["divalidasi_oleh"], a["uraian"]) for a in act] == [
        (90, "disetujui", ATASAN, "Menyusun <b>laporan</b> & rekap")
    ]
    req = q(sample, "SELECT status, diputus_oleh FROM permohonan WHERE nip = ?", PEGAWAI)
    assert req == [{"status": "disetujui", "diputus_oleh": ATASAN}]
    audit = {(a["aksi"], a["oleh"]) for a in q(sample, "SELECT aksi, oleh FROM audit WHERE sumber = 'web'")}
    assert {("presensi.masuk", PEGAWAI), ("kinerja.setujui", ATASAN), ("permohonan.setujui", ATASAN)} <= audit

    # The clerk's recap shows both.
    rincian = json.loads(kerja("rekap", "rincian", PEGAWAI, "--bulan", "2021-02", "--json").stdout)
    day = {h["tanggal"]: h for h in rincian["hari"]}
    assert day["2021-02-03"]["masuk"] == "07:41" and day["2021-02-03"]["telat_menit"] == 11
    assert day["2021-02-03"]["menit_kinerja"] == 90
    assert day["2021-02-02"]["pulang"] == "16:10"

    # The log: one line per request, never a password, a session cookie or a CSRF token.
    assert '"POST /masuk HTTP/1.1" 303' in log and '"GET /validasi HTTP/1.1" 200' in log
    for secret in (*once.values(), SANDI_BAGAS, SANDI_KURNIA, SANDI_ZULFAN, "kerja_sesi="):
        assert secret not in log
    pages = ("masuk", "sandi", "hari-ini", "hari-ini-masuk", "kinerja", "permohonan", "bulan", "validasi")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{name}-{w}.png" for name in (*pages, "petugas") for w in (360, 1280)
    )
