#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Writes the seed corpus of the HTTP fuzz target (corpus/*.http): raw requests as a client sends them. Every
# documented route of the OpenAPI document with its examples, then hand-picked hostile spellings. Rerun after
# the routes change; stale seeds are removed.
# Usage: make_corpus.py REPLAY_BINARY | OPENAPI_JSON
#   REPLAY_BINARY: http_fuzz_replay, which writes the document its Api serves when HTTP_FUZZ_OPENAPI names a file;
#   OPENAPI_JSON: the served document (`metropoli export-site DIR` writes it to DIR/api/v1/openapi.json.json).
import json
import os
import re
import subprocess
import sys
import tempfile

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.normpath(os.path.join(here, "..", "..", ".."))
out = os.path.join(here, "corpus")


def request(target, method="GET", headers=(), body=b"", version="1.1"):
    lines = [f"{method} {target} HTTP/{version}", "Host: localhost"] + list(headers)
    head = "\r\n".join(lines) + "\r\n\r\n"
    return head.encode("latin-1") + body


def openapi_document():
    if len(sys.argv) < 2:
        sys.exit("usage: make_corpus.py REPLAY_BINARY | OPENAPI_JSON (e.g. build/dev/tests/fuzz/http_fuzz_replay)")
    arg = sys.argv[1]
    if arg.endswith(".json"):
        return json.load(open(arg, encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        seed_file, doc_file = os.path.join(tmp, "seed"), os.path.join(tmp, "openapi.json")
        open(seed_file, "wb").close()
        subprocess.run([arg, seed_file], check=True, stdout=subprocess.DEVNULL,
                       env=dict(os.environ, HTTP_FUZZ_OPENAPI=doc_file))
        return json.load(open(doc_file, encoding="utf-8"))


def documented_routes():
    doc = openapi_document()
    for path, item in doc["paths"].items():
        target, query = path, []
        if "get" not in item:
            continue
        for p in item["get"].get("parameters", []):
            if "example" not in p:
                continue
            value = p["example"] if isinstance(p["example"], str) else json.dumps(p["example"])
            if p["in"] == "path":
                target = target.replace("{" + p["name"] + "}", value)
            else:
                query.append(f"{p['name']}={value}")
        yield path, target + ("?" + "&".join(query) if query else "")


seeds = {}


def seed(name, data):
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
    assert name not in seeds, name
    seeds[name] = data if isinstance(data, bytes) else data.encode("latin-1")


for path, target in documented_routes():
    seed("route" + path.replace("/", "-").replace("{", "").replace("}", ""), request(target))
seed("route-head-overview", request("/api/v1/overview?zone=zm-laguna", "HEAD"))
seed("route-gzip-schemes", request("/api/v1/schemes", headers=["Accept-Encoding: gzip, br"]))

# The web folder of the fixture (fixture.cpp) and ways out of it.
for name, target in [
    ("file-root", "/"), ("file-index", "/index.html"), ("file-asset", "/assets/app-1a2b.js"),
    ("file-css", "/assets/app-1a2b.css"), ("file-big-gzip", "/assets/big-3c4d.js"), ("file-manifest", "/manifest.json"),
    ("file-config", "/config.json"), ("file-dots-folder", "/a..b/dots.txt"), ("file-missing", "/nothing.html"),
    ("trav-dotdot", "/../secret.txt"), ("trav-dotdot-enc", "/%2e%2e/secret.txt"), ("trav-double-slash", "//etc/passwd"),
    ("trav-enc-slash", "/%2Fetc/passwd"), ("trav-double-enc", "/%252e%252e/"), ("trav-double-enc-secret", "/%252e%252e/secret.txt"),
    ("trav-semicolon", "/..;/"), ("trav-semicolon-secret", "/..;/secret.txt"), ("trav-overlong", "/%C0%AE%C0%AE/"),
    ("trav-overlong-secret", "/%C0%AE%C0%AE/secret.txt"), ("utf8-ff", "/%FF"), ("utf8-c3-28", "/%C3%28"),
    ("utf8-jurisdiction-ff", "/api/v1/jurisdictions/%FF"), ("utf8-surrogate", "/api/v1/dashboard/%ED%A0%80"),
    ("utf8-above-max", "/api/v1/jurisdictions/%F4%90%80%80"), ("utf8-emoji", "/api/v1/jurisdictions/%F0%9F%98%80"),
    ("utf8-accented", "/api/v1/jurisdictions/G%C3%B3mez%20Palacio"), ("utf8-rtl", "/api/v1/dashboard/%E2%80%AE05035"),
    ("trav-backslash", "/..\\secret.txt"), ("trav-backslash-enc", "/%5c..%5csecret.txt"),
    ("trav-backslash-asset", "/assets\\..\\..\\secret.txt"), ("trav-nul", "/index.html%00.js"),
    ("trav-hidden", "/.env"), ("trav-hidden-asset", "/assets/.hidden.js"), ("trav-hidden-enc", "/%2eenv"),
    ("trav-sibling", "/../web-private/index.html"), ("trav-sibling-enc", "/%2e%2e%2fweb-private/index.html"),
    ("trav-dot-segment", "/./index.html"), ("trav-dot-asset", "/assets/./app-1a2b.js"), ("trav-trailing-slash", "/index.html/"),
    ("trav-empty-segment", "/assets//app-1a2b.js"), ("trav-absolute", "/etc/passwd"), ("trav-proc", "/proc/self/environ"),
    ("trav-api-dotdot", "/api/v1/../../secret.txt"), ("trav-api-enc", "/api/v1/%2e%2e/%2e%2e/secret.txt"),
    ("trav-api-prefix", "/api/v1"), ("trav-api-v2", "/api/v2/regions"), ("trav-healthz-slash", "/healthz/"),
    ("trav-api-case", "/API/V1/regions"), ("trav-openapi-dotdot", "/api/v1/openapi.json/.."),
    ("share-place", "/share/05035.html"), ("share-metro", "/share/zm-laguna.html"), ("share-unknown", "/share/99999.html"),
    ("share-empty", "/share/.html"), ("share-dotdot", "/share/../secret.txt.html"), ("share-enc", "/share/%2e%2e%2fsecret.html"),
    ("share-nested", "/share/05035.html/x.html"), ("share-utf8-bad", "/share/%FF.html"),
]:
    seed(name, request(target))
seed("trav-nul-raw", b"GET /index.html\x00.js HTTP/1.1\r\nHost: localhost\r\n\r\n")
seed("trav-absolute-form", request("http://localhost/api/v1/regions"))
seed("trav-asterisk", request("*", "OPTIONS"))
seed("trav-authority", request("localhost:443", "CONNECT"))

# Parameters: junk, repeats, numbers stod accepts or overflows, values that name files.
for name, target in [
    ("param-junk", "/api/v1/series?jurisdiction=zm-laguna&measure=confirmed&junk=1&&=&a&%20=%20"),
    ("param-repeat", "/api/v1/series?jurisdiction=zm-laguna&jurisdiction=05035"),
    ("param-rt-sd-huge", "/api/v1/rt?jurisdiction=zm-laguna&si_sd=1e300"),
    ("param-rt-mean-huge", "/api/v1/rt?jurisdiction=zm-laguna&si_mean=1e300&si_sd=1e300"),
    ("param-rt-denormal", "/api/v1/rt?jurisdiction=zm-laguna&si_mean=5&si_sd=1e-320"),
    ("param-rt-hex", "/api/v1/rt?jurisdiction=zm-laguna&window=0x10"),
    ("param-rt-inf", "/api/v1/rt?jurisdiction=zm-laguna&si_mean=inf"),
    ("param-rt-negative", "/api/v1/rt?jurisdiction=zm-laguna&si_mean=-1&si_sd=-1"),
    ("param-rt-window-zero", "/api/v1/rt?jurisdiction=zm-laguna&window=0"),
    ("param-rt-window-fraction", "/api/v1/rt?jurisdiction=zm-laguna&window=7.9"),
    ("param-rt-window-max", "/api/v1/rt?jurisdiction=05035&window=365"),
    ("param-nan", "/api/v1/indicators?jurisdiction=zm-laguna&date=2020-11-15&incomplete_days=nan"),
    ("param-space-number", "/api/v1/indicators?jurisdiction=zm-laguna&date=2020-11-15&incomplete_days=+14"),
    ("param-date-invalid", "/api/v1/indicators?jurisdiction=zm-laguna&date=2020-02-30"),
    ("param-date-far", "/api/v1/indicators?jurisdiction=zm-laguna&date=9999-12-31"),
    ("param-date-zero", "/api/v1/indicators/zm-laguna/0000-01-01"),
    ("param-date-before-data", "/api/v1/indicators/05035/1900-01-01"),
    ("param-scheme-path", "/api/v1/risk?jurisdiction=zm-laguna&scheme=/etc/passwd"),
    ("param-scheme-dotdot", "/api/v1/risk?jurisdiction=zm-laguna&scheme=../../../etc/passwd"),
    ("param-scheme-enc", "/api/v1/risk?jurisdiction=zm-laguna&scheme=%2e%2e%2fREADME"),
    ("param-scheme-harvard", "/api/v1/risk?jurisdiction=05035&date=2020-11-15&scheme=harvard"),
    ("param-metro-scheme-nul", "/api/v1/metro?zone=zm-laguna&scheme=semaforo-v2%00"),
    ("param-series-all", "/api/v1/series?jurisdiction=05035&measure=deaths&by=death&source=municipal&from=2020-06-01&to=2020-07-01"),
    ("param-series-reversed", "/api/v1/series?jurisdiction=05035&from=2021-01-01&to=2020-01-01"),
    ("param-series-release", "/api/v1/series?jurisdiction=05035&release=2022-04-02"),
    ("param-series-unknown-measure", "/api/v1/series?jurisdiction=05035&measure=unicorns"),
    ("param-kind", "/api/v1/jurisdictions?kind=metro_zone"),
    ("param-kind-bad", "/api/v1/jurisdictions?kind=%FF"),
    ("param-overview-zone", "/api/v1/overview?zone=05035"),
    ("param-geo-zone-bad", "/api/v1/geo?zone=nowhere"),
    ("param-plus", "/api/v1/jurisdictions/G%C3%B3mez+Palacio"),
    ("param-long", "/api/v1/series?jurisdiction=" + "a" * 5000),
    ("param-utf8-bad-key", "/api/v1/regions?%FF=1"),
    ("param-utf8-bad-value", "/api/v1/regions?x=%C3%28"),
    ("param-truncated-escape", "/api/v1/regions?x=%4"),
    ("param-source", "/api/v1/indicators?jurisdiction=zm-laguna&date=2020-11-15&source=ssa"),
    ("param-matrix-no-date", "/api/v1/homologation-matrix"),
    ("param-matrix-date-bad", "/api/v1/homologation-matrix?date=2020-13-01"),
    ("param-matrix-date-far", "/api/v1/homologation-matrix?date=9999-12-31"),
    ("param-matrix-date-nul", "/api/v1/homologation-matrix?date=2020-11-10%00"),
    ("param-activity-rule-huge", "/api/v1/activity-rules/99999999999999999999"),
    ("param-activity-rule-negative", "/api/v1/activity-rules/-1"),
    ("param-activity-rule-text", "/api/v1/activity-rules/restaurantes"),
]:
    seed(name, request(target))

# Content negotiation.
for i, value in enumerate(["gzip;q=0", "*;q=0", "gzip;q=0, *", "GZIP;Q=1.000", "gzip;q=1.0001", "x-gzip", "identity, *;q=0.5",
                           "gzip;q=", "gzip;q=0.", ",,, ,gzip", "br;q=1, gzip;q=0.001", "gzip;level=9;q=0.5", "*"]):
    seed(f"gzip-{i:02d}", request("/api/v1/overview?zone=zm-laguna", headers=[f"Accept-Encoding: {value}"]))
for i, value in enumerate(["*", '"0123456789abcdef-1f"', 'W/"x", "y"', '""', '"', "W/", ",,,", "  *  ", '"a" , *',
                           'W/"*"', '"x"y', "*, \"z\""]):
    seed(f"inm-{i:02d}", request("/api/v1/regions", headers=[f"If-None-Match: {value}", "Accept-Encoding: gzip"]))
seed("inm-two-fields", request("/assets/big-3c4d.js", headers=['If-None-Match: "a"', 'If-None-Match: "b"', "Accept-Encoding: gzip"]))

# Bodies, methods, versions, limits.
chunked = ["Transfer-Encoding: chunked"]
seed("body-chunked-post", request("/api/v1/releases", "POST", chunked, b"5\r\nhello\r\n0\r\n\r\n"))
seed("body-chunked-get", request("/api/v1/regions", "GET", chunked, b"3;ext=1\r\nabc\r\n0\r\nX-Trailer: 1\r\n\r\n"))
seed("body-chunked-bad-size", request("/api/v1/regions", "GET", chunked, b"zz\r\nabc\r\n0\r\n\r\n"))
seed("body-chunked-huge-size", request("/api/v1/regions", "GET", chunked, b"ffffffffffffffff\r\nabc\r\n0\r\n\r\n"))
seed("body-chunked-and-length", request("/api/v1/regions", "POST", chunked + ["Content-Length: 3"], b"3\r\nabc\r\n0\r\n\r\n"))
seed("body-length", request("/api/v1/releases", "PUT", ["Content-Length: 5"], b"hello"))
seed("body-length-over-limit", request("/api/v1/releases", "POST", ["Content-Length: 70000"]))
seed("body-length-huge", request("/api/v1/releases", "POST", ["Content-Length: 99999999999999999999"]))
seed("body-length-twice", request("/api/v1/releases", "POST", ["Content-Length: 1", "Content-Length: 2"], b"ab"))
seed("body-length-short", request("/api/v1/releases", "POST", ["Content-Length: 10"], b"abc"))
seed("header-oversized", request("/healthz", headers=["X-Pad: " + "a" * 9000]))
seed("header-many", request("/healthz", headers=[f"X-H{i}: {i}" for i in range(300)]))
seed("header-folded", b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Fold: a\r\n b\r\n\r\n")
seed("header-no-colon", b"GET /healthz HTTP/1.1\r\nHost localhost\r\n\r\n")
seed("header-lf-only", b"GET /api/v1/regions HTTP/1.1\nHost: localhost\n\n")
for method in ["POST", "DELETE", "OPTIONS", "get", "PATCH", "BREW", "TRACE"]:
    seed(f"method-{method}", request("/api/v1/regions", method))
seed("version-10", request("/api/v1/regions", version="1.0"))
seed("version-10-keepalive", request("/api/v1/regions", headers=["Connection: keep-alive"], version="1.0")
     + request("/healthz", version="1.0"))
seed("version-2", request("/api/v1/regions", version="2.0"))
seed("version-junk", b"GET /api/v1/regions HTTP/9.9\r\n\r\n")
seed("request-line-only", b"GET / HTTP/1.1\r\n")
seed("request-empty-line", b"\r\n\r\nGET / HTTP/1.1\r\nHost: localhost\r\n\r\n")

# Pipelined requests on one connection: the second answer must not depend on the first.
seed("pipe-indicators-two-spellings",
     request("/api/v1/indicators?jurisdiction=zm-laguna&date=2020-11-15")
     + request("/api/v1/indicators?date=2020-11-15&jurisdiction=zm-laguna&window=7")
     + request("/api/v1/indicators/zm-laguna/2020-11-15"))
seed("pipe-rt-defaults",
     request("/api/v1/rt?jurisdiction=zm-laguna&si_mean=4.7&si_sd=2.9") + request("/api/v1/rt?jurisdiction=zm-laguna&si_mean=4.70"))
seed("pipe-risk-schemes",
     request("/api/v1/risk?jurisdiction=zm-laguna&date=2020-11-15&scheme=harvard")
     + request("/api/v1/risk?jurisdiction=zm-laguna&date=2020-11-15"))
seed("pipe-series-case",
     request("/api/v1/series?jurisdiction=ZM-LAGUNA") + request("/api/v1/series?jurisdiction=zm-laguna"))
seed("pipe-close", request("/healthz", headers=["Connection: close"]) + request("/api/v1/regions"))
seed("pipe-files", request("/") + request("/index.html") + request("/assets/big-3c4d.js", headers=["Accept-Encoding: gzip"]))

os.makedirs(out, exist_ok=True)
for old in os.listdir(out):
    if old.endswith(".http") and old[:-5] not in seeds:
        os.remove(os.path.join(out, old))
for name, data in seeds.items():
    with open(os.path.join(out, name + ".http"), "wb") as f:
        f.write(data)
print(f"make_corpus: {len(seeds)} seeds in {os.path.relpath(out, root)}", file=sys.stderr)
