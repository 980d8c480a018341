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

/// The sports offered as boxes to tick (stored as these names; the club page words them); any
/// other is typed.
const SPORTS = [
  { key: "tennis", label: "Tennis" },
  { key: "padel", label: "Padel" },
  { key: "pickleball", label: "Pickleball" },
  { key: "squash", label: "Squash" },
  { key: "badminton", label: "Badminton" },
  { key: "basketball", label: "Basketball" },
  { key: "swimming", label: "Swimming" },
  { key: "cricket", label: "Cricket" },
] as const;
const KNOWN: readonly string[] = SPORTS.map((s) => s.key);

/// What players see of the club: its logo, its address and its description, how to reach it,
/// its sports, and whether it is listed.
export function FacilityProfile({ api, facility, onSaved }: { api: Api; facility: Facility; onSaved: (f: Facility) => void }) {
  const [address, setAddress] = useState<Record<string, string>>(() =>
    Object.fromEntries(PARTS.map((p) => [p.key, facility.address?.[p.key] ?? ""])),
  );
  const [description, setDescription] = useState(facility.settings?.description ?? "");
  const [email, setEmail] = useState(facility.settings?.contact_email ?? "");
  const [phone, setPhone] = useState(facility.settings?.contact_phone ?? "");
  const [sports, setSports] = useState<string[]>(() => (facility.settings?.sports ?? []).filter((s) => KNOWN.includes(s)));
  const [otherSports, setOtherSports] = useState(() =>
    (facility.settings?.sports ?? []).filter((s) => !KNOWN.includes(s)).join(", "),
  );
  const [listed, setListed] = useState(facility.settings?.public ?? true);
  const [accent, setAccent] = useState(facility.settings?.accent_color ?? "");
  const { error, saved, busy, run } = useSave();

  function submit(e: FormEvent) {
    e.preventDefault();
    const given = Object.fromEntries(Object.entries(address).filter(([, v]) => v.trim() !== "").map(([k, v]) => [k, v.trim()]));
    void run(async () => {
      onSaved(
        await updateFacility(api, facility.id, {
          address: Object.keys(given).length ? (given as Address) : null,
          settings: {
            description: description.trim(),
            contact_email: email.trim(),
            contact_phone: phone.trim(),
            sports: [
              ...SPORTS.filter((s) => sports.includes(s.key)).map((s) => s.key),
              ...otherSports
                .split(",")
                .map((s) => s.trim())
                .filter((s, i, all) => s !== "" && all.indexOf(s) === i && !KNOWN.includes(s)),
            ],
            public: listed,
            accent_color: accent.trim(),
          },
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
        <h4>Address, contact and description</h4>
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
        <div className="row">
          <Field id="profile-contact_email" label="Contact e-mail" error={fieldMessage(error, "settings.contact_email")}>
            {(props) => <input {...props} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />}
          </Field>
          <Field id="profile-contact_phone" label="Contact phone" error={fieldMessage(error, "settings.contact_phone")}>
            {(props) => <input {...props} type="tel" autoComplete="off" value={phone} onChange={(e) => setPhone(e.target.value)} />}
          </Field>
        </div>
        <fieldset aria-describedby={fieldMessage(error, "settings.sports") ? "profile-sports-error" : undefined}>
          <legend>Sports</legend>
          <div className="row">
            {SPORTS.map((s) => (
              <label key={s.key} className="check">
                <input
                  type="checkbox"
                  checked={sports.includes(s.key)}
                  onChange={(e) => setSports(e.target.checked ? [...sports, s.key] : sports.filter((x) => x !== s.key))}
                />{" "}
                {s.label}
              </label>
            ))}
          </div>
          <Field id="profile-other_sports" label="Other sports" hint="Separated by commas, e.g. table tennis, futsal.">
            {(props) => <input {...props} value={otherSports} onChange={(e) => setOtherSports(e.target.value)} />}
          </Field>
          {fieldMessage(error, "settings.sports") && (
            <div id="profile-sports-error" className="field-error">
              {fieldMessage(error, "settings.sports")}
            </div>
          )}
        </fieldset>
        <h4>Colour</h4>
        <div className="row">
          <Field
            id="profile-accent_color"
            label="Accent colour"
            hint="Buttons and links on this club's pages in the player app, as #rrggbb; dark enough for white text. Empty: SlotBase's blue."
            error={fieldMessage(error, "settings.accent_color")}
          >
            {(props) => (
              <input {...props} placeholder="#1b5e20" autoComplete="off" value={accent} onChange={(e) => setAccent(e.target.value)} />
            )}
          </Field>
          {/^#[0-9a-fA-F]{6}$/.test(accent) && (
            <span className="accent-swatch" aria-hidden="true" style={{ background: accent }} />
          )}
        </div>
        <label className="check">
          <input type="checkbox" checked={listed} onChange={(e) => setListed(e.target.checked)} aria-describedby="profile-public-hint" /> Listed
          publicly
        </label>
        <div id="profile-public-hint" className="muted hint">
          Every player finds a listed club in the club search; an unlisted club is seen only by the players on its roster and its staff.
        </div>
        {fieldMessage(error, "settings.public") && <div className="field-error">{fieldMessage(error, "settings.public")}</div>}
        <SaveBar error={error} saved={saved} busy={busy} done="Profile saved." label="Save the profile" />
      </form>
    </section>
  );
}
