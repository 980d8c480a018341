import { useState } from "react";
import { ApiError, messageOf, type Api } from "../../shared/api/client";
import type { Facility } from "../../shared/api/types";
import { createFacility, createOrganization, setHours, setPolicies } from "./api";
import { CourtsStep, FacilityStep, HoursStep, OrgStep, PoliciesStep } from "./Steps";

const STEPS = ["Organization", "Facility", "Opening hours", "Courts and prices", "Policies"];

/// The set-up flow for a new facility: organization, facility, hours and holidays, courts with
/// prices and peak rules, policies. Each step saves at once, so a reload loses nothing.
export function Setup({ api, onDone }: { api: Api; onDone: (f: Facility) => void }) {
  const [step, setStep] = useState(0);
  const [orgId, setOrgId] = useState("");
  const [facility, setFacility] = useState<Facility | null>(null);
  const [error, setError] = useState<unknown>(null);

  const run = async (fn: () => Promise<void>) => {
    setError(null);
    try {
      await fn();
    } catch (e) {
      setError(e);
    }
  };
  const fieldError = (f: string) => (error instanceof ApiError ? error.field(f) : undefined);

  return (
    <section className="panel" aria-labelledby="setup-title">
      <h2 id="setup-title">Set up your facility</h2>
      <ol className="steps" aria-label="Steps">
        {STEPS.map((s, i) => (
          <li key={s} aria-current={i === step ? "step" : undefined}>
            {i + 1}. {s}
          </li>
        ))}
      </ol>
      {error !== null && (
        <p role="alert" className="error">
          {messageOf(error)}
        </p>
      )}
      {step === 0 && (
        <OrgStep
          onSubmit={(name) =>
            run(async () => {
              const org = await createOrganization(api, name);
              setOrgId(org.id);
              setStep(1);
            })
          }
          error={fieldError("name")}
        />
      )}
      {step === 1 && (
        <FacilityStep
          onSubmit={(name, timezone, currency) =>
            run(async () => {
              const f = await createFacility(api, orgId, { name, timezone, currency });
              setFacility(f);
              setStep(2);
            })
          }
          fieldError={fieldError}
        />
      )}
      {step === 2 && facility && (
        <HoursStep
          onSubmit={(weekly, holidays) =>
            run(async () => {
              await setHours(api, facility.id, { weekly, holidays });
              setStep(3);
            })
          }
        />
      )}
      {step === 3 && facility && <CourtsStep api={api} facility={facility} onNext={() => setStep(4)} onError={setError} />}
      {step === 4 && facility && (
        <PoliciesStep
          onSubmit={(policies) =>
            run(async () => {
              const f = await setPolicies(api, facility.id, policies);
              onDone(f);
            })
          }
        />
      )}
    </section>
  );
}
