# SPDX-License-Identifier: MIT
"""Holds N idle TCP connections open to host:port and one slow client trickling a request a byte a second,
for SECONDS. Prints how many connections are open, then how many were still open and the slow client's fate.
Usage: python3 hold_connections.py HOST PORT N SECONDS
"""
import socket
import sys
import threading
import time

host, port, n, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
held = []
for _ in range(n):
    s = socket.create_connection((host, port))
    held.append(s)
print(f"holding {len(held)} idle connections", flush=True)

slow_state = {"bytes": 0, "closed_by_server": False}


def trickle():
    s = socket.create_connection((host, port))
    request = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: " + b"a" * 200 + b"\r\n\r\n"
    for b in request:
        try:
            s.send(bytes([b]))
            slow_state["bytes"] += 1
        except OSError:
            slow_state["closed_by_server"] = True
            return
        time.sleep(1)


threading.Thread(target=trickle, daemon=True).start()
time.sleep(seconds)
alive = 0
for s in held:
    try:
        s.setblocking(False)
        data = s.recv(1)
        alive += 0 if data == b"" else 1
    except BlockingIOError:
        alive += 1
    except OSError:
        pass
print(f"idle connections still open at the end: {alive}; slow client sent {slow_state['bytes']} bytes, "
      f"cut off by the server: {slow_state['closed_by_server']}", flush=True)
