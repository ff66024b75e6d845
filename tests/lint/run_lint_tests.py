#!/usr/bin/python3
"""flipctl lint on the shipped zones (must pass) and on every broken case here.

Each folder in tests/lint/ is one broken zones directory, as a bad commit would
leave it. `flipctl lint CASE` (run from tests/lint/, so paths print as
CASE/file) must exit 2 and print exactly the lines of CASE/expected-errors.txt
on stderr: every error, each with file:line:column.

usage: run_lint_tests.py --flipctl PATH --repo REPO_ROOT
"""
import argparse
import os
import subprocess
import sys

TIMEOUT_S = 30


def lint(flipctl, cwd, target):
    return subprocess.run([flipctl, "lint", target], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT_S)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--flipctl", required=True)
    ap.add_argument("--repo", required=True)
    args = ap.parse_args()
    flipctl = os.path.abspath(args.flipctl)
    here = os.path.join(args.repo, "tests", "lint")
    failures = []

    good = lint(flipctl, args.repo, "zones/")
    if good.returncode != 0 or good.stderr != "" or not good.stdout.startswith("zones/: "):
        failures.append(f"zones/: want exit 0 and no errors, got exit {good.returncode}\n"
                        f"stdout: {good.stdout}stderr: {good.stderr}")
    else:
        print(f"ok   zones/ ({good.stdout.strip()})")

    cases = sorted(d for d in os.listdir(here) if os.path.isdir(os.path.join(here, d))
                   and not d.startswith((".", "__")))
    if not cases:
        failures.append("no broken cases found in " + here)
    for case in cases:
        expected_file = os.path.join(here, case, "expected-errors.txt")
        with open(expected_file) as f:
            expected = [line.rstrip("\n") for line in f if line.strip()]
        if not expected:
            failures.append(f"{case}: expected-errors.txt is empty")
            continue
        r = lint(flipctl, here, case)
        got = r.stderr.splitlines()
        problems = []
        if r.returncode != 2:
            problems.append(f"exit {r.returncode}, want 2")
        for line in expected:
            if line not in got:
                problems.append("missing: " + line)
        for line in got:
            if line not in expected:
                problems.append("unexpected: " + line)
        if problems:
            failures.append(f"{case}:\n  " + "\n  ".join(problems))
        else:
            print(f"ok   {case} ({len(expected)} errors)")

    for f in failures:
        print("FAIL " + f)
    print(f"{len(cases) + 1 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
