"""Click's and Typer's own words in Indonesian: usage lines, option errors, help markers.

Typer >= 0.28 carries its own copy of Click (`typer._click`) without gettext, so its messages are
rewritten here by pattern, at the one place they are printed (`cli.errors`) and, for help
screens, by `help_texts()`. A message no pattern knows passes through unchanged (in English), so a
newer Typer still works.
"""

from __future__ import annotations

import re

__all__ = ["translate", "usage", "HELP_OPTION"]

HELP_OPTION = "Tampilkan bantuan ini lalu keluar."

# (pattern on Click's English message, Indonesian replacement); first match wins.
_RULES: list[tuple[str, str]] = [
    (r"No such option: (\S+) \(Possible options: (.+)\)", r"opsi \1 tidak dikenal; mungkin maksudnya \2"),
    (r"No such option: (\S+)", r"opsi \1 tidak dikenal"),
    (r"No such command '(.+?)'\. Did you mean (.+)\?", r"perintah '\1' tidak dikenal; mungkin maksudnya \2"),
    (r"No such command '(.+)'\.", r"perintah '\1' tidak dikenal"),
    (r"Missing command\.", r"perintah belum ditulis"),
    (r"Missing argument '?([^'.]+)'?\.(.*)", r"argumen \1 belum diisi\2"),
    (r"Missing option '?([^'.]+)'?\.(.*)", r"opsi \1 wajib diisi\2"),
    (r"Missing parameter:? '?([^'.]+)'?\.?(.*)", r"parameter \1 belum diisi\2"),
    (r"Option '(.+)' requires an argument\.", r"opsi \1 perlu nilai"),
    (r"Option '(.+)' requires (\d+) arguments\.", r"opsi \1 perlu \2 nilai"),
    (r"Option '(.+)' does not take a value\.", r"opsi \1 tidak menerima nilai"),
    (r"Argument '(.+)' takes (\d+) values\.", r"argumen \1 perlu \2 nilai"),
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", r"argumen berlebih yang tidak dikenal: \1"),
    (r"Invalid value for (.+?): (.+)", r"nilai tidak sah untuk \1: \2"),
    (r"Invalid value: (.+)", r"nilai tidak sah: \1"),
]
_VALUE_RULES: list[tuple[str, str]] = [
    (r"(.+) is not a valid int(?:eger)?\.", r"\1 bukan bilangan bulat"),
    (r"(.+) is not a valid float\.", r"\1 bukan bilangan"),
    (r"(.+) is not a valid boolean\..*", r"\1 bukan ya/tidak"),
    (r"(.+) is not a valid UUID\.", r"\1 bukan UUID"),
    (r"(.+) is not in the range (.+)\.", r"\1 di luar rentang \2"),
    (r"(.+) is not one of (.+)\.", r"\1 bukan salah satu dari \2"),
    (r"(.+) is not (.+)\.", r"\1 bukan \2"),
    (r"(.+) does not match the formats? (.+)\.", r"\1 tidak cocok dengan format \2"),
    (r"(File|Directory|Path) '(.+)' does not exist\.", r"berkas '\2' tidak ada"),
    (r"(File|Directory|Path) '(.+)' is a directory\.", r"'\2' adalah folder, bukan berkas"),
    (r"(File|Directory|Path) '(.+)' is a file\.", r"'\2' adalah berkas, bukan folder"),
    (r"(File|Directory|Path) '(.+)' is not readable\.", r"berkas '\2' tidak bisa dibaca"),
    (r"(File|Directory|Path) '(.+)' is not writable\.", r"berkas '\2' tidak bisa ditulisi"),
]
_COMPILED = [(re.compile(p, re.S), r) for p, r in _RULES]
_COMPILED_VALUES = [(re.compile(p, re.S), r) for p, r in _VALUE_RULES]


def translate(message: str) -> str:
    """Click's English error message in Indonesian (unchanged when no rule knows it)."""
    for pattern, repl in _COMPILED:
        m = pattern.fullmatch(message.strip())
        if m:
            out = m.expand(repl)
            if pattern.pattern.startswith("Invalid value"):
                out = out[: out.rindex(m.group(m.lastindex or 0))] + translate_value(
                    m.group(m.lastindex or 0)
                )
            return out.rstrip(". ").strip() + "."
    return message


def translate_value(message: str) -> str:
    for pattern, repl in _COMPILED_VALUES:
        m = pattern.fullmatch(message.strip())
        if m:
            return m.expand(repl)
    return message.rstrip(".")


def usage(line: str) -> str:
    """Click's usage line ('Usage: kerja x [OPTIONS]') in Indonesian."""
    line = re.sub(r"^(\s*)Usage:", r"\1Pemakaian:", line)
    return line.replace("[OPTIONS]", "[OPSI]").replace("COMMAND [ARGS]...", "PERINTAH [ARGUMEN]...")
