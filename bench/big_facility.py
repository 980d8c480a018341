#!/usr/bin/env python3
"""Adds a large facility to the benchmark club: COURTS courts open 06:00-23:00 in New York, each
with the bench's price list and member prices, and a day of bookings on a tenth of them.
Prints BIG_FACILITY=<id>.
    big_facility.py BASE_URL OWNER_TOKEN COURTS"""
import concurrent.futures
import datetime
import json
import sys
import urllib.request

base, token, count = sys.argv[1], sys.argv[2], int(sys.argv[3])


def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Content-Type", "application/json")
    req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req) as r:
        return json.loads(r.read() or b"null")


org = call("POST", "/api/v1/organizations", {"name": "Big Bench Club"})
fid = call("POST", f"/api/v1/organizations/{org['id']}/facilities",
           {"name": "Big Bench Courts", "timezone": "America/New_York", "currency": "USD"})["id"]
call("PUT", f"/api/v1/facilities/{fid}/hours",
     {"weekly": [{"weekday": d, "open": "06:00", "close": "23:00"} for d in range(1, 8)]})
pricing = {"base": {"amount": 2000, "currency": "USD"}, "member_base": {"amount": 1500, "currency": "USD"},
           "per_minutes": 60,
           "rules": [{"name": "peak", "weekdays": [1, 2, 3, 4, 5], "from": "17:00", "to": "21:00",
                      "price": {"amount": 3000, "currency": "USD"}, "member_price": {"amount": 2400, "currency": "USD"}}]}
tomorrow = datetime.date.today() + datetime.timedelta(days=1)


def court(i):
    c = call("POST", f"/api/v1/facilities/{fid}/resources",
             {"name": f"Court {i}", "type": "tennis_court", "display_order": i})
    call("PUT", f"/api/v1/resources/{c['id']}/pricing", pricing)
    if i % 10 == 0:
        call("POST", f"/api/v1/facilities/{fid}/bookings",
             {"resource_id": c["id"], "start": f"{tomorrow}T18:00:00-05:00", "end": f"{tomorrow}T19:00:00-05:00",
              "type": "open_play"})


with concurrent.futures.ThreadPoolExecutor(4) as pool:
    list(pool.map(court, range(1, count + 1)))
print(f"BIG_FACILITY={fid}")
