import { useState } from "react";
import type { Api } from "../../shared/api/client";
import type { Facility } from "../../shared/api/types";
import { Courts } from "./Courts";
import { FacilityProfile } from "./FacilityProfile";
import { HoursForm } from "./HoursForm";
import { PaymentAccount, type OnboardingReturn } from "./PaymentAccount";
import { PoliciesForm } from "./PoliciesForm";
import { PricingForm } from "./PricingForm";

const AREAS = [
  { key: "policies", label: "Booking policies" },
  { key: "hours", label: "Opening hours and holidays" },
  { key: "prices", label: "Prices per court" },
  { key: "profile", label: "Club profile" },
  { key: "courts", label: "Courts" },
  { key: "payments", label: "Payments" },
] as const;
type Area = (typeof AREAS)[number]["key"];

/// The facility's settings: each screen shows what is set now and saves it with one button.
/// Back from the payment provider's onboarding (`onboarding`), the payments area opens first.
export function Settings({
  api,
  facility,
  onSaved,
  onboarding,
}: {
  api: Api;
  facility: Facility;
  onSaved: (f: Facility) => void;
  onboarding?: OnboardingReturn;
}) {
  const [area, setArea] = useState<Area>(onboarding ? "payments" : "policies");
  return (
    <section className="panel settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings of {facility.name}</h2>
      <p className="muted">Times are local to the facility ({facility.timezone}), 24-hour; amounts are in {facility.currency}.</p>
      <nav className="subnav" aria-label="Settings">
        {AREAS.map((a) => (
          <button key={a.key} type="button" aria-current={area === a.key ? "page" : undefined} onClick={() => setArea(a.key)}>
            {a.label}
          </button>
        ))}
      </nav>
      {area === "policies" && <PoliciesForm key={facility.id} api={api} facility={facility} onSaved={onSaved} />}
      {area === "hours" && <HoursForm key={facility.id} api={api} facility={facility} />}
      {area === "prices" && <PricingForm key={facility.id} api={api} facility={facility} />}
      {area === "profile" && <FacilityProfile key={facility.id} api={api} facility={facility} onSaved={onSaved} />}
      {area === "courts" && <Courts key={facility.id} api={api} facility={facility} />}
      {area === "payments" && <PaymentAccount key={facility.id} api={api} facility={facility} returned={onboarding} />}
    </section>
  );
}
