"""The command line: parse options, call services, render. No SQL, no arithmetic."""
