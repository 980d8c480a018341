import { useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import { me } from "../auth/api";
import { saveLocale, type Locale } from "./api";

/// The languages SlotBase writes a player's messages in, each named in itself.
const LANGUAGES: { locale: Locale; name: string }[] = [
  { locale: "en", name: "English" },
  { locale: "es", name: "Español" },
];

/// The language of the player's e-mails, texts and in-app messages (the app itself stays in
/// English for now). Saved as soon as it is picked; a refusal puts the old choice back.
export function MessageLanguage({ api }: { api: Api }) {
  const [current, setCurrent] = useState<Locale | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    me(api).then(
      (u) => live && setCurrent(u.locale ?? "en"),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  async function pick(locale: Locale) {
    const before = current;
    setCurrent(locale);
    setBusy(true);
    setNotice(null);
    setError(null);
    try {
      const u = await saveLocale(api, locale);
      setCurrent(u.locale ?? locale);
      setNotice(`Saved. Your next messages will be in ${LANGUAGES.find((l) => l.locale === u.locale)?.name ?? locale}.`);
    } catch (e) {
      setCurrent(before);
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel settings" aria-labelledby="language-title">
      <h2 id="language-title">Language of your messages</h2>
      {current === undefined ? (
        !error && <p role="status">Loading…</p>
      ) : (
        <fieldset disabled={busy}>
          <legend>E-mails, text messages and notifications in the app are written in</legend>
          {LANGUAGES.map((l) => (
            <label key={l.locale} className="check">
              <input
                type="radio"
                name="message-language"
                value={l.locale}
                checked={current === l.locale}
                onChange={() => void pick(l.locale)}
              />
              <span lang={l.locale}>{l.name}</span>
            </label>
          ))}
        </fieldset>
      )}
      {notice && <p role="status">{notice}</p>}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
