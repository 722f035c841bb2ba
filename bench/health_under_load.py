# SPDX-License-Identifier: MIT
"""/healthz latency while four clients loop on uncached requests (each asks Rt for a serial interval nobody asked
before, so every one is computed). Prints the health check's p50, p99 and max, and how many uncached answers
were computed meanwhile.
Usage: python3 health_under_load.py HOST PORT SECONDS
"""
import http.client
import sys
import threading
import time

host, port, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
stop = time.time() + seconds
computed = [0] * 4


def loop(k):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    i = 0
    while time.time() < stop:
        i += 1
        conn.request("GET", f"/api/v1/rt?jurisdiction=zm-laguna&si_mean={4 + k / 10 + i / 1e6:.6f}")
        r = conn.getresponse()
        r.read()
        computed[k] += r.status == 200


threads = [threading.Thread(target=loop, args=(k,)) for k in range(4)]
for t in threads:
    t.start()
time.sleep(0.5)
conn = http.client.HTTPConnection(host, port, timeout=30)
latencies = []
while time.time() < stop:
    t0 = time.perf_counter()
    conn.request("GET", "/healthz")
    r = conn.getresponse()
    r.read()
    latencies.append((time.perf_counter() - t0) * 1000)
    time.sleep(0.01)
for t in threads:
    t.join()
latencies.sort()
p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))]
print(f"/healthz under load: {len(latencies)} checks while 4 clients computed {sum(computed)} uncached Rt answers; "
      f"p50 {p(0.5):.2f} ms, p99 {p(0.99):.2f} ms, max {latencies[-1]:.2f} ms (target p99 < 50 ms)")
