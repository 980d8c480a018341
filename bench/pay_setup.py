#!/usr/bin/env python3
"""Sets up the paid-booking scenario on a running SlotBase set up by setup.py: a second club of
the bench owner with 20 courts that takes payment at booking, connected to the payments sandbox,
and a sandbox payment method for card 4242 4242 4242 4242. Prints PAY_COURTS and PAYMENT_METHOD."""
import json
import sys
import time
import urllib.request

base, token = sys.argv[1], sys.argv[2]


def call(method, path, body=None, raw=False):
    req = urllib.request.Request(base + path, method=method)
    req.add_header("Content-Type", "application/json")
    req.add_header("Authorization", "Bearer " + token)
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(req, data) as r:
        text = r.read()
        return None if raw or not text else json.loads(text)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


org = call("POST", "/api/v1/organizations", {"name": "Bench Paid Club"})
fid = call("POST", f"/api/v1/organizations/{org['id']}/facilities",
           {"name": "Bench Paid Courts", "timezone": "America/New_York", "currency": "USD"})["id"]
call("PUT", f"/api/v1/facilities/{fid}/hours",
     {"weekly": [{"weekday": d, "open": "06:00", "close": "23:00"} for d in range(1, 8)]})
call("PATCH", f"/api/v1/facilities/{fid}", {"policies": {"booking_window_days": 365, "payment_timing": "at_booking"}})
courts = []
for i in range(1, 21):
    c = call("POST", f"/api/v1/facilities/{fid}/resources", {"name": f"Court {i}", "type": "tennis_court"})
    call("PUT", f"/api/v1/resources/{c['id']}/pricing",
         {"base": {"amount": 2000, "currency": "USD"}, "per_minutes": 60})
    courts.append(c["id"])
onboarding = call("POST", f"/api/v1/facilities/{fid}/payments/connect", {})["onboarding_url"]
try:
    urllib.request.build_opener(NoRedirect).open(urllib.request.Request(base + onboarding, method="POST", data=b""))
except urllib.error.HTTPError as e:  # the 303 back to the admin app
    assert e.code == 303, e.code
# The worker activates it, perhaps after the events of the hold + confirm scenario just run
# (every booking's notifications): up to two minutes.
for _ in range(1200):
    if call("GET", f"/api/v1/facilities/{fid}/payments/account")["status"] == "active":
        break
    time.sleep(0.1)
else:
    sys.exit("bench: the sandbox account did not become active")
pm = call("POST", "/sandbox/v1/payment_methods",
          {"card": {"number": "4242424242424242", "exp_month": 12, "exp_year": 2040, "cvc": "123"}})["id"]
print(f"PAY_COURTS={','.join(courts)}")
print(f"PAYMENT_METHOD={pm}")
