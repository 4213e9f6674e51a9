"""The command line: parse options, call services, render. No SQL, no arithmetic."""

from .deferred import TYPER, deferred

# Every kerja.cli module imports Typer: imported here first, without the standard modules it
# imports for features a run does not use (cli.deferred).
with deferred(TYPER):
    import typer  # noqa: F401
