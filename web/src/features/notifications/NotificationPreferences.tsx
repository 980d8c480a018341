import { useEffect, useMemo, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { ChannelSwitches, NotificationPreferences as Preferences } from "../../shared/api/types";
import { TimeField } from "../../shared/TimeField";
import { myPreferences, savePreferences } from "./api";
import { channelLabel, groupTypes, type Channel } from "./words";

const ALL: Channel[] = ["email", "sms", "push", "in_app"];

/// The channels a type can be switched on: e-mail and the app always, text messages and push
/// once some type goes on them.
export function typeChannels(p: Preferences): Channel[] {
  return ALL.filter((c) => c === "email" || c === "in_app" || Object.values(p.types).some((s) => s[c]));
}

function zones(): string[] {
  try {
    return Intl.supportedValuesOf("timeZone");
  } catch {
    return ["UTC"];
  }
}

/// The player's notification preferences: each channel on or off, each type on each channel
/// (grouped: bookings, reminders, the waitlist, payments; critical ones always reach the inbox),
/// and quiet hours with their time zone.
export function NotificationPreferences({ api }: { api: Api }) {
  const [draft, setDraft] = useState<Preferences | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const allZones = useMemo(() => zones(), []);

  useEffect(() => {
    myPreferences(api).then(setDraft, (e) => setError(messageOf(e)));
  }, [api]);

  if (!draft)
    return error ? (
      <p role="alert" className="error">
        {error}
      </p>
    ) : (
      <p role="status">Loading…</p>
    );

  const columns = typeChannels(draft);
  const critical = new Set(draft.catalogue.filter((t) => t.critical).map((t) => t.type));
  const setChannel = (c: Channel, on: boolean) => setDraft({ ...draft, channels: { ...draft.channels, [c]: on } });
  const setType = (type: string, c: Channel, on: boolean) =>
    setDraft({ ...draft, types: { ...draft.types, [type]: { ...draft.types[type], [c]: on } } });
  const quiet = draft.quiet_hours;
  const setQuiet = (change: Partial<Preferences["quiet_hours"]>) => setDraft({ ...draft, quiet_hours: { ...quiet, ...change } });

  const save = async () => {
    setNotice(null);
    try {
      // A critical type's in-app switch is the server's, not the player's.
      const types: Record<string, ChannelSwitches> = {};
      for (const [type, s] of Object.entries(draft.types)) types[type] = critical.has(type) ? { ...s, in_app: true } : s;
      setDraft(await savePreferences(api, { channels: draft.channels, types, quiet_hours: quiet }));
      setError(null);
      setNotice("Saved.");
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className="panel settings" aria-labelledby="preferences-title">
      <h2 id="preferences-title">Notification settings</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset>
          <legend>Channels</legend>
          {ALL.map((c) => (
            <label key={c} className="check">
              <input type="checkbox" checked={draft.channels[c] ?? false} onChange={(e) => setChannel(c, e.target.checked)} />
              {channelLabel(c)}
            </label>
          ))}
        </fieldset>
        {groupTypes(draft.catalogue).map((g) => (
          <fieldset key={g.title}>
            <legend>{g.title}</legend>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={`${g.title} by channel, scrolls sideways`}>
              <table className="sheet preferences">
                <thead>
                  <tr>
                    <th scope="col">Message</th>
                    {columns.map((c) => (
                      <th key={c} scope="col">
                        {channelLabel(c)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {g.types.map((t) => (
                    <tr key={t.type}>
                      <th scope="row">
                        {t.label}
                        {t.critical && <div className="muted">Always in your inbox: it changes your plans.</div>}
                      </th>
                      {columns.map((c) => {
                        const always = t.critical && c === "in_app";
                        return (
                          <td key={c}>
                            <input
                              type="checkbox"
                              aria-label={`${t.label}: ${channelLabel(c)}${always ? " (always on)" : ""}`}
                              checked={always || (draft.types[t.type]?.[c] ?? false)}
                              disabled={always || !(draft.channels[c] ?? false)}
                              onChange={(e) => setType(t.type, c, e.target.checked)}
                            />
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>
        ))}
        <fieldset>
          <legend>Quiet hours</legend>
          <p className="hint muted">E-mails that are not urgent wait until quiet hours end; the app stays silent anyway.</p>
          <label className="check">
            <input type="checkbox" checked={quiet.enabled ?? true} onChange={(e) => setQuiet({ enabled: e.target.checked })} />
            Hold e-mails during quiet hours
          </label>
          <div className="row">
            <div>
              <label htmlFor="quiet-start">From</label>
              <TimeField id="quiet-start" className="time" value={quiet.start ?? "22:00"} onChange={(v) => setQuiet({ start: v })} />
            </div>
            <div>
              <label htmlFor="quiet-end">Until</label>
              <TimeField id="quiet-end" className="time" value={quiet.end ?? "07:00"} onChange={(v) => setQuiet({ end: v })} />
            </div>
            <div>
              <label htmlFor="quiet-zone">Time zone</label>
              <select id="quiet-zone" value={quiet.timezone ?? ""} onChange={(e) => setQuiet({ timezone: e.target.value || null })}>
                <option value="">The club&apos;s, for each message</option>
                {allZones.map((z) => (
                  <option key={z} value={z}>
                    {z}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {notice && (
          <p role="status" className="success">
            {notice}
          </p>
        )}
        <button type="submit">Save settings</button>
      </form>
    </section>
  );
}
