// The courts: each one's name, attributes, picture and place in the list, and adding a court.

import { useEffect, useState, type FormEvent, type ReactNode } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility, Resource, ResourceType } from "../../shared/api/types";
import { typeWords } from "../facilities";
import { createResource, listResources, removeCourtImage, setCourtImage, updateCourt } from "./api";
import { Field, fieldMessage, SaveBar, useSave } from "./Fields";
import { ImageUpload } from "./ImageUpload";

const TYPES: ResourceType[] = [
  "tennis_court",
  "pickleball_court",
  "padel_court",
  "basketball_court",
  "badminton_court",
  "squash_court",
  "swimming_lane",
  "pool_section",
  "cricket_lane",
  "cricket_net",
  "bowling_machine",
  "batting_cage",
  "multi_purpose",
];
const SURFACES = ["hard", "clay", "grass", "artificial grass", "carpet", "wood", "concrete"];
const COLOUR = /^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/;

/// Every court of the facility in the order players see them (on the club page and as the booking
/// grid's columns), each with its editor; moving one saves the new order at once.
export function Courts({ api, facility }: { api: Api; facility: Facility }) {
  const [courts, setCourts] = useState<Resource[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [news, setNews] = useState<string | null>(null);
  const [moving, setMoving] = useState(false);
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let live = true;
    listResources(api, facility.id).then(
      (all) => live && setCourts(all),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api, facility.id, loads]);

  /// Moves the court at `i` by `by` places and numbers the courts 0, 1, 2... in the new order,
  /// saving each whose number changed.
  async function move(i: number, by: -1 | 1) {
    if (!courts) return;
    const order = [...courts];
    [order[i], order[i + by]] = [order[i + by], order[i]];
    setMoving(true);
    setError(null);
    setNews(null);
    try {
      const saved: Resource[] = [];
      for (const [k, c] of order.entries())
        saved.push(c.display_order === k ? c : await updateCourt(api, c.id, { display_order: k }));
      setCourts(saved);
      setNews(`${order[i + by].name} is now court ${i + by + 1} of ${order.length}.`);
    } catch (e) {
      setError(messageOf(e));
      setLoads((n) => n + 1);
    } finally {
      setMoving(false);
    }
  }

  const replace = (r: Resource) => setCourts((all) => all?.map((c) => (c.id === r.id ? r : c)) ?? null);

  return (
    <section aria-labelledby="courts-title">
      <h3 id="courts-title">Courts</h3>
      <p className="muted">
        Players see the courts in this order, with these attributes and pictures, on the club page and as the booking grid's
        columns.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {news && <p role="status">{news}</p>}
      {!courts && !error && <p role="status">Loading the courts…</p>}
      {courts?.length === 0 && <p className="empty">No courts yet: add the first below.</p>}
      {courts && courts.length > 0 && (
        <ol className="plain-list" aria-label="Courts in order">
          {courts.map((c, i) => (
            <li key={c.id}>
              <CourtEditor
                api={api}
                court={c}
                onSaved={replace}
                moves={
                  <div className="row">
                    <button type="button" className="secondary" disabled={moving || i === 0} onClick={() => void move(i, -1)}>
                      Move {c.name} up
                    </button>
                    <button
                      type="button"
                      className="secondary"
                      disabled={moving || i === courts.length - 1}
                      onClick={() => void move(i, 1)}
                    >
                      Move {c.name} down
                    </button>
                  </div>
                }
              />
            </li>
          ))}
        </ol>
      )}
      {courts && (
        <NewCourt
          api={api}
          facility={facility}
          next={courts.length}
          order={Math.max(-1, ...courts.map((c) => c.display_order ?? 0)) + 1}
          onAdded={(r) => setCourts([...courts, r])}
        />
      )}
    </section>
  );
}

/// One court: its name, description, attributes and status, saved with one button, and its picture.
export function CourtEditor({
  api,
  court,
  onSaved,
  moves,
}: {
  api: Api;
  court: Resource;
  onSaved: (r: Resource) => void;
  moves?: ReactNode;
}) {
  const [name, setName] = useState(court.name);
  const [description, setDescription] = useState(court.description ?? "");
  const [indoor, setIndoor] = useState(court.indoor ?? false);
  const [surface, setSurface] = useState(court.surface ?? "");
  const [lighting, setLighting] = useState(court.lighting ?? false);
  const [color, setColor] = useState(court.color ?? "");
  const [status, setStatus] = useState(court.status);
  const { error, saved, busy, run } = useSave();
  const id = `court-${court.id}`;
  const at = (field: string) => fieldMessage(error, field);

  function save(e: FormEvent) {
    e.preventDefault();
    void run(async () => {
      onSaved(
        await updateCourt(api, court.id, {
          name: name.trim(),
          description: description.trim(),
          indoor,
          surface: surface.trim(),
          lighting,
          color: color.trim(),
          status,
        }),
      );
    });
  }

  return (
    <section className="court-editor" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>
        <span className="swatch" style={{ background: court.color || "transparent" }} aria-hidden="true" /> {court.name}
      </h4>
      <p className="muted">
        {typeWords(court.type)}
        {court.status === "inactive" && " · inactive: not bookable"}
      </p>
      {moves}
      <form onSubmit={save} aria-labelledby={`${id}-title`} noValidate>
        <div className="row">
          <Field id={`${id}-name`} label="Name" error={at("name")}>
            {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field id={`${id}-indoor`} label="Indoor or outdoor" error={at("indoor")}>
            {(props) => (
              <select {...props} value={indoor ? "indoor" : "outdoor"} onChange={(e) => setIndoor(e.target.value === "indoor")}>
                <option value="indoor">Indoor</option>
                <option value="outdoor">Outdoor</option>
              </select>
            )}
          </Field>
          <Field id={`${id}-surface`} label="Surface" hint="E.g. hard, clay, grass." error={at("surface")}>
            {(props) => (
              <>
                <input {...props} list={`${id}-surfaces`} value={surface} onChange={(e) => setSurface(e.target.value)} />
                <datalist id={`${id}-surfaces`}>
                  {SURFACES.map((s) => (
                    <option key={s} value={s} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
        </div>
        <div className="row">
          <Field id={`${id}-color`} label="Colour" hint="As #RRGGBB, e.g. #1e88e5; blank for none." error={at("color")}>
            {(props) => (
              <span className="row">
                <input {...props} size={8} value={color} onChange={(e) => setColor(e.target.value)} />
                <span className="swatch" style={{ background: COLOUR.test(color.trim()) ? color.trim() : "transparent" }} aria-hidden="true" />
              </span>
            )}
          </Field>
          <Field
            id={`${id}-status`}
            label="Status"
            hint="An inactive court takes no new bookings and leaves the booking grid; its bookings stay."
            error={at("status")}
          >
            {(props) => (
              <select {...props} value={status} onChange={(e) => setStatus(e.target.value as Resource["status"])}>
                <option value="active">Active</option>
                <option value="inactive">Inactive</option>
              </select>
            )}
          </Field>
        </div>
        <label className="check">
          <input type="checkbox" checked={lighting} onChange={(e) => setLighting(e.target.checked)} /> Floodlit
        </label>
        {at("lighting") && <div className="field-error">{at("lighting")}</div>}
        <Field id={`${id}-description`} label="Description" error={at("description")}>
          {(props) => <textarea {...props} rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />}
        </Field>
        <SaveBar error={error} saved={saved} busy={busy} done={`${court.name} saved.`} label={`Save ${court.name}`} />
      </form>
      <ImageUpload
        label="Picture"
        alt={`Picture of ${court.name}`}
        url={court.image_url}
        upload={async (file) => {
          const r = await setCourtImage(api, court.id, file);
          onSaved(r);
          return r.image_url;
        }}
        remove={async () => {
          const r = await removeCourtImage(api, court.id);
          onSaved(r);
          return r.image_url;
        }}
      />
    </section>
  );
}

/// Adding a court: its name and type (the type stays); the rest is set in its editor once added.
function NewCourt({
  api,
  facility,
  next,
  order,
  onAdded,
}: {
  api: Api;
  facility: Facility;
  next: number;
  order: number;
  onAdded: (r: Resource) => void;
}) {
  const [name, setName] = useState(`Court ${next + 1}`);
  const [type, setType] = useState<ResourceType>("tennis_court");
  const [added, setAdded] = useState<string | null>(null);
  const { error, busy, run } = useSave();

  function add(e: FormEvent) {
    e.preventDefault();
    setAdded(null);
    void run(async () => {
      const r = await createResource(api, facility.id, { name: name.trim(), type, display_order: order });
      onAdded(r);
      setAdded(`${r.name} added, last in the list. Set its prices under "Prices per court".`);
      setName(`Court ${next + 2}`);
    });
  }

  return (
    <form onSubmit={add} aria-labelledby="new-court-title" noValidate>
      <h4 id="new-court-title">Add a court</h4>
      <div className="row">
        <Field id="new-court-name" label="New court's name" error={fieldMessage(error, "name")}>
          {(props) => <input {...props} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Field id="new-court-type" label="New court's type" hint="It cannot be changed later." error={fieldMessage(error, "type")}>
          {(props) => (
            <select {...props} value={type} onChange={(e) => setType(e.target.value as ResourceType)}>
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {typeWords(t)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {added && <p role="status">{added}</p>}
      <SaveBar error={error} saved={false} busy={busy} done="" label="Add the court" />
    </form>
  );
}
