"""Pure rules of kerja: plain data in, plain data out. No SQL, Typer, Rich, files or clock."""
