"""How busy the machine was while a benchmark measured: its whole CPU time, this
benchmark's own, and the share of a core that other work took, so a result taken
on a busy machine says so beside its numbers."""
import os
import resource
import time

import reloadable


def busy_seconds():
    """CPU time spent by everything on the machine so far (all cores)."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def own_seconds():
    """CPU time of this process and of its reaped children (dnsperf, knotc, ...)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def cpu_mark():
    return busy_seconds(), own_seconds(), time.monotonic()


def noise(mark, pid):
    """Share of a core (%) used since `mark` by everything but the server (not yet
    reaped: all its CPU time is inside the window) and this benchmark: other
    engineers' work on the machine, plus softirq time. An underestimate at worst."""
    busy0, own0, w0 = mark
    server = reloadable.cpu_seconds(pid)
    wall = time.monotonic() - w0
    other = busy_seconds() - busy0 - server - (own_seconds() - own0)
    return max(0.0, other) * 100 / wall if wall > 0 else 0.0
