#!/usr/bin/env python3
"""Sets up the benchmark club on a running SlotBase: 20 courts open 06:00-23:00 in New York,
a realistic day of bookings tomorrow (about 45% of court hours), and prints what the wrk
scenarios need as shell variables."""
import datetime
import json
import random
import sys
import urllib.request

base = sys.argv[1]


def call(method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(req, data) as r:
        text = r.read()
        return json.loads(text) if text else None


owner = call("POST", "/api/v1/auth/register",
             {"email": "bench@example.com", "password": "a long enough passphrase", "name": "Bench"})
token = owner["access_token"]
org = call("POST", "/api/v1/organizations", {"name": "Bench Club"}, token)
fac = call("POST", f"/api/v1/organizations/{org['id']}/facilities",
           {"name": "Bench Courts", "timezone": "America/New_York", "currency": "USD"}, token)
fid = fac["id"]
call("PUT", f"/api/v1/facilities/{fid}/hours",
     {"weekly": [{"weekday": d, "open": "06:00", "close": "23:00"} for d in range(1, 8)]}, token)
call("PATCH", f"/api/v1/facilities/{fid}", {"policies": {"booking_window_days": 365, "payment_timing": "before_session"}},
     token)
pricing = {"base": {"amount": 2000, "currency": "USD"}, "per_minutes": 60,
           "rules": [{"name": "peak", "weekdays": [1, 2, 3, 4, 5], "from": "17:00", "to": "21:00",
                      "price": {"amount": 3000, "currency": "USD"}}]}
courts = []
for i in range(1, 21):
    c = call("POST", f"/api/v1/facilities/{fid}/resources", {"name": f"Court {i}", "type": "tennis_court",
                                                             "display_order": i}, token)
    call("PUT", f"/api/v1/resources/{c['id']}/pricing", pricing, token)
    courts.append(c["id"])

tomorrow = datetime.date.today() + datetime.timedelta(days=1)
random.seed(7)
booked = 0
for court in courts:
    for hour in range(6, 23):
        if random.random() < 0.45:
            start = f"{tomorrow}T{hour:02d}:00:00-05:00"
            end = f"{tomorrow}T{hour + 1:02d}:00:00-05:00" if hour < 22 else f"{tomorrow}T23:00:00-05:00"
            call("POST", f"/api/v1/facilities/{fid}/bookings",
                 {"resource_id": court, "start": start, "end": end, "type": "open_play"}, token)
            booked += 1
print(f"FACILITY={fid}")
print(f"TOKEN={token}")
print(f"COURTS={','.join(courts)}")
print(f"DAY={tomorrow}")
print(f"BOOKED={booked}")
