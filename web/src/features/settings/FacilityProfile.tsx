import { useState, type FormEvent } from "react";
import type { Api } from "../../shared/api/client";
import type { Address, Facility } from "../../shared/api/types";
import { removeLogo, setLogo, updateFacility } from "./api";
import { Field, fieldMessage, SaveBar, useSave } from "./Fields";
import { ImageUpload } from "./ImageUpload";

const PARTS = [
  { key: "street", label: "Street" },
  { key: "city", label: "City" },
  { key: "state", label: "State or region" },
  { key: "zip", label: "Postal code" },
  { key: "country", label: "Country (two letters, e.g. US)" },
] as const;

/// What players see of the club: its logo, its address and its description.
export function FacilityProfile({ api, facility, onSaved }: { api: Api; facility: Facility; onSaved: (f: Facility) => void }) {
  const [address, setAddress] = useState<Record<string, string>>(() =>
    Object.fromEntries(PARTS.map((p) => [p.key, facility.address?.[p.key] ?? ""])),
  );
  const [description, setDescription] = useState(facility.settings?.description ?? "");
  const { error, saved, busy, run } = useSave();

  function submit(e: FormEvent) {
    e.preventDefault();
    const given = Object.fromEntries(Object.entries(address).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.trim()]));
    void run(async () => {
      onSaved(
        await updateFacility(api, facility.id, {
          address: Object.keys(given).length ? (given as Address) : null,
          settings: { description: description.trim() },
        }),
      );
    });
  }

  return (
    <section aria-labelledby="profile-title">
      <h3 id="profile-title">Club profile</h3>
      <p className="muted">What players see on the club page: the logo, where the club is and a few words about it.</p>
      <h4>Logo</h4>
      <ImageUpload
        label="Logo"
        alt={`Logo of ${facility.name}`}
        url={facility.logo_url}
        upload={async (file) => {
          const f = await setLogo(api, facility.id, file);
          onSaved(f);
          return f.logo_url;
        }}
        remove={async () => {
          const f = await removeLogo(api, facility.id);
          onSaved(f);
          return f.logo_url;
        }}
      />
      <form onSubmit={submit} noValidate>
        <h4>Address and description</h4>
        {PARTS.map((p) => (
          <Field key={p.key} id={`profile-${p.key}`} label={p.label} error={fieldMessage(error, `address.${p.key}`)}>
            {(props) => (
              <input {...props} value={address[p.key]} onChange={(e) => setAddress({ ...address, [p.key]: e.target.value })} />
            )}
          </Field>
        ))}
        <Field id="profile-description" label="Description" error={fieldMessage(error, "settings.description")}>
          {(props) => <textarea {...props} rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <SaveBar error={error} saved={saved} busy={busy} done="Profile saved." label="Save the profile" />
      </form>
    </section>
  );
}
