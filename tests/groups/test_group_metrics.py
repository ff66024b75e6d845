"""/metrics on the control listener: Prometheus text with decisions and reloads."""

import dns.rcode

from flip_harness import APP, addresses, decision, metric, parse_prometheus

APPLIED = "flipdns_auth_decisions_applied_total"
RELOADS = "flipdns_auth_reloads_total"


def scrape(auth):
    r = auth.control.metrics()
    assert r.headers.get("content-type", "").startswith("text/plain"), r.headers
    assert "version=0.0.4" in r.headers.get("content-type", ""), r.headers
    return parse_prometheus(r.body)


def test_metrics_count_decisions_applied(auth):
    types, samples = scrape(auth)
    assert types.get(APPLIED) == "counter", sorted(types)
    start = metric(samples, APPLIED)

    assert auth.control.put_decision(APP, decision("standby", 1)).status == 200
    assert auth.control.put_decision(APP, decision("standby", 1)).status == 200  # repeat: no change
    assert auth.control.put_decision(APP, decision("primary", 0)).status == 409  # refused
    assert auth.control.put_decision(APP, decision("nope", 2, member_list=["192.0.2.10"])).status == 400  # refused
    assert auth.control.put_decision(APP, decision("primary", 2)).status == 200

    _, samples = scrape(auth)
    assert metric(samples, APPLIED) == start + 2, "only the two flips changed what is served"


def test_metrics_count_reloads_by_result(auth):
    types, samples = scrape(auth)
    assert types.get(RELOADS) == "counter", sorted(types)
    ok0 = metric(samples, RELOADS, result="ok")
    failed0 = metric(samples, RELOADS, result="failed")

    r = auth.control.reload()
    assert r.status == 200, r
    _, samples = scrape(auth)
    assert (metric(samples, RELOADS, result="ok"), metric(samples, RELOADS, result="failed")) == (
        ok0 + 1, failed0)

    path = auth.zone_dir / "example.com.yaml"
    path.write_text(path.read_text().replace("value: 203.0.113.1 }", "value: 203.0.113.x }"))
    r = auth.control.reload()
    assert r.json()["ok"] is False, r
    _, samples = scrape(auth)
    assert (metric(samples, RELOADS, result="ok"), metric(samples, RELOADS, result="failed")) == (
        ok0 + 1, failed0 + 1)
    assert addresses(auth.port, "static.example.com.") == (dns.rcode.NOERROR, ["203.0.113.1"])


def test_metrics_without_a_token_do_not_open_the_api(auth):
    # Scrapers often have no token; whether /metrics needs one is the server's
    # choice, but the token-protected API must stay closed either way.
    r = auth.control.request("GET", "/metrics", token=None)
    assert r.status in (200, 401), r
    if r.status == 200:
        parse_prometheus(r.body)
    assert auth.control.request("GET", "/v1/decisions", token=None).status == 401


def test_metrics_count_queries_by_rcode_and_type(auth):
    responses, by_qtype = "flipdns_auth_responses_total", "flipdns_auth_queries_by_qtype_total"
    types, samples = scrape(auth)
    assert types.get(responses) == "counter" and types.get(by_qtype) == "counter", sorted(types)

    def count(name, **labels):
        return sum(v for n, ls, v in samples
                   if n == name and all(ls.get(k) == w for k, w in labels.items()))

    noerror, nxdomain, mx = (count(responses, rcode="NOERROR"), count(responses, rcode="NXDOMAIN"),
                             count(by_qtype, qtype="MX"))
    for _ in range(5):
        assert addresses(auth.port, APP, "MX")[0] == dns.rcode.NOERROR
    for _ in range(3):
        assert addresses(auth.port, "nothere.example.com.")[0] == dns.rcode.NXDOMAIN
    _, samples = scrape(auth)
    assert count(responses, rcode="NOERROR") == noerror + 5
    assert count(responses, rcode="NXDOMAIN") == nxdomain + 3
    assert count(by_qtype, qtype="MX") == mx + 5
