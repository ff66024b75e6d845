"""Runs dig and kdig and parses the parts of their output the tests look at."""

import re
import subprocess
from dataclasses import dataclass, field


@dataclass
class DigResult:
    status: str = ""
    flags: set = field(default_factory=set)
    sections: dict = field(default_factory=dict)  # "ANSWER" -> [(name, ttl, class, type, rdata)]
    transport: str = ""  # "UDP" or "TCP", as the tool reports it
    text: str = ""

    def records(self, section="ANSWER", rtype=None):
        return [r for r in self.sections.get(section, []) if rtype is None or r[3] == rtype]


_HEADER = re.compile(r";; ->>HEADER<<- opcode: \w+[,;] status: (\w+)[,;] id: \d+")
_FLAGS = re.compile(r";; [Ff]lags:([^;]*);")
_SECTION = re.compile(r";; (QUESTION|ANSWER|AUTHORITY|ADDITIONAL) SECTION:")
_DIG_SERVER = re.compile(r";; SERVER: .*\((UDP|TCP)\)")
_KDIG_FROM = re.compile(r";; From .*\((UDP|TCP)\)")


def parse(text):
    result = DigResult(text=text)
    section = None
    for line in text.splitlines():
        if m := _HEADER.match(line):
            result.status = m.group(1)
            continue
        if m := _FLAGS.match(line):
            result.flags = set(m.group(1).split())
            continue
        if m := _SECTION.match(line):
            section = m.group(1)
            result.sections[section] = []
            continue
        if m := _DIG_SERVER.match(line) or _KDIG_FROM.match(line):
            result.transport = m.group(1)
            continue
        if not line.strip():
            section = None
            continue
        if section and section != "QUESTION" and not line.startswith(";"):
            name, ttl, rclass, rtype, *rdata = line.split(None, 4)
            result.sections[section].append(
                (name.lower(), int(ttl), rclass, rtype, rdata[0] if rdata else ""))
    return result


def _run(argv, timeout):
    run = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if run.returncode != 0:
        raise AssertionError(f"{argv} exited {run.returncode}: {run.stdout}{run.stderr}")
    result = parse(run.stdout)
    if not result.status:
        raise AssertionError(f"no DNS header in output of {argv}:\n{run.stdout}{run.stderr}")
    return result


def dig(host, port, *args, timeout=10):
    """dig without recursion; extra args such as '+tcp', 'name', 'TXT'."""
    return _run(["dig", f"@{host}", "-p", str(port), "+norec", "+time=2", "+tries=1", *args],
                timeout)


def kdig(host, port, *args, timeout=10):
    return _run(["kdig", f"@{host}", "-p", str(port), "+norec", "+time=2", "+retry=0", *args],
                timeout)
