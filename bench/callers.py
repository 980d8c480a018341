#!/usr/bin/env python3
"""Signs up many distinct players on a running SlotBase (started with a cheap password hash, see
bench/run), makes every other one a member of a facility, and writes their access tokens one a
line: the callers of the distinct-callers availability scenarios.
    callers.py BASE_URL OWNER_TOKEN FACILITY_ID COUNT OUT_FILE [PREFIX]"""
import concurrent.futures
import json
import sys
import urllib.request

base, owner, facility, count, out = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
prefix = sys.argv[6] if len(sys.argv) > 6 else "caller"


def call(method, path, body, token=None):
    req = urllib.request.Request(base + path, method=method, data=json.dumps(body).encode())
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


def sign_up(i):
    email = f"{prefix}{i}@example.com"
    token = call("POST", "/api/v1/auth/register",
                 {"email": email, "password": "a long enough passphrase", "name": f"Caller {i}"})["access_token"]
    if i % 2 == 0:
        call("POST", f"/api/v1/facilities/{facility}/members", {"email": email}, owner)
    return token


with concurrent.futures.ThreadPoolExecutor(8) as pool:
    tokens = list(pool.map(sign_up, range(count)))
with open(out, "w") as f:
    f.write("\n".join(tokens) + "\n")
