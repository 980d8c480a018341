import { useEffect, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility, NotificationTemplate } from "../../shared/api/types";
import { formatDateTime } from "../../shared/time";
import { facilityTemplates, previewTemplate, removeTemplate, saveTemplate, type Locale, type TemplatePreview } from "./api";
import { MessageView } from "./MessageView";
import { channelLabel, templateProblem, type TemplateProblem } from "./words";

/// The languages messages are written in: players choose theirs, and each has its own wording.
const LANGUAGES: { locale: Locale; name: string }[] = [
  { locale: "en", name: "English" },
  { locale: "es", name: "Español" },
];

/// The facility's messages in one language, each type on each channel, worded as the files say
/// or as the facility chose; one opens in the editor.
export function NotificationTemplates({ api, facility }: { api: Api; facility: Facility }) {
  const [locale, setLocale] = useState<Locale>("en");
  const [items, setItems] = useState<NotificationTemplate[] | null>(null);
  const [editing, setEditing] = useState<NotificationTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    facilityTemplates(api, facility.id, locale).then(
      (all) => live && setItems(all),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api, facility.id, locale]);

  // Another language is another list; the open editor belonged to the old one.
  const pickLocale = (l: Locale) => {
    setItems(null);
    setEditing(null);
    setLocale(l);
  };

  const replaced = (t: NotificationTemplate) => {
    setItems((all) => all?.map((x) => (x.type === t.type && x.channel === t.channel ? t : x)) ?? null);
    setEditing(t);
  };

  return (
    <>
      <section className="panel" aria-labelledby="templates-title">
        <h2 id="templates-title">Message templates</h2>
        <p className="muted">
          What players are told, in your words. A template shows the booking&apos;s facts with names in braces, such as {"{{when}}"}; e-mails
          always end with the unsubscribe link. Each player gets the language they chose, so each language has its own wording.
        </p>
        <label htmlFor="templates-language">Language</label>
        <select id="templates-language" value={locale} onChange={(e) => pickLocale(e.target.value as Locale)}>
          {LANGUAGES.map((l) => (
            <option key={l.locale} value={l.locale} lang={l.locale}>
              {l.name}
            </option>
          ))}
        </select>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {items && (
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Templates, scrolls sideways">
            <table className="sheet" aria-labelledby="templates-title">
              <thead>
                <tr>
                  <th scope="col">Message</th>
                  <th scope="col">Channel</th>
                  <th scope="col">Wording</th>
                  <th scope="col">
                    <span className="sr-only">Edit</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((t) => (
                  <tr key={`${t.type}/${t.channel}`} aria-current={editing?.type === t.type && editing.channel === t.channel ? "true" : undefined}>
                    <td>
                      {t.label}
                      {t.critical && <span className="muted"> · critical</span>}
                    </td>
                    <td>{channelLabel(t.channel)}</td>
                    <td>{t.override ? `Your own, since ${formatDateTime(t.override.updated_at, facility.timezone)}` : "Standard"}</td>
                    <td>
                      <button type="button" className="secondary" aria-label={`Edit ${t.label}, ${channelLabel(t.channel)}`} onClick={() => setEditing(t)}>
                        Edit
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {editing && (
        <TemplateEditor
          key={`${editing.locale}/${editing.type}/${editing.channel}`}
          api={api}
          facility={facility}
          template={editing}
          onSaved={replaced}
          onClose={() => setEditing(null)}
        />
      )}
    </>
  );
}

/// How long typing pauses before the preview is asked for again.
const PREVIEW_DELAY_MS = 300;

/// One type on one channel: its subject (or title) and text, previewed live with a sample booking
/// at the facility; a broken template shows the line the server names.
export function TemplateEditor({
  api,
  facility,
  template,
  onSaved,
  onClose,
}: {
  api: Api;
  facility: Facility;
  template: NotificationTemplate;
  onSaved: (t: NotificationTemplate) => void;
  onClose: () => void;
}) {
  const email = template.channel === "email";
  const [subject, setSubject] = useState(template.override?.subject ?? template.default.subject ?? "");
  const [body, setBody] = useState(template.override?.body ?? template.default.body);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [problem, setProblem] = useState<TemplateProblem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef(0);

  // The subject is the facility's own only when it differs from the standard one.
  const input = () => ({
    channel: template.channel as "email" | "in_app",
    locale: template.locale as Locale,
    subject: subject === (template.default.subject ?? "") ? null : subject,
    body,
  });

  useEffect(() => {
    const mine = ++latest.current;
    const timer = setTimeout(() => {
      previewTemplate(api, facility.id, template.type, input()).then(
        (p) => {
          if (mine !== latest.current) return;
          setPreview(p);
          setProblem(null);
          setError(null);
        },
        (e) => {
          if (mine !== latest.current) return;
          const p = templateProblem(e);
          setProblem(p);
          setError(p ? null : messageOf(e));
        },
      );
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- input() reads subject and body
  }, [api, facility.id, template.type, template.channel, subject, body]);

  const save = async () => {
    setNotice(null);
    try {
      const saved = await saveTemplate(api, facility.id, template.type, input());
      setNotice("Saved: the next messages use this wording.");
      onSaved(saved);
    } catch (e) {
      const p = templateProblem(e);
      setProblem(p);
      setError(p ? null : messageOf(e));
    }
  };
  const reset = async () => {
    setNotice(null);
    try {
      await removeTemplate(api, facility.id, template.type, template.channel, template.locale);
      setSubject(template.default.subject ?? "");
      setBody(template.default.body);
      setNotice("Back to the standard wording.");
      onSaved({ ...template, override: null });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const lines = body.split("\n");
  const bodyProblem = problem?.field === "body" ? problem : null;
  return (
    <section className="panel" aria-labelledby="template-editor-title">
      <h2 id="template-editor-title">
        {template.label}: {channelLabel(template.channel)} ({LANGUAGES.find((l) => l.locale === template.locale)?.name ?? template.locale})
      </h2>
      <div className="template-layout">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label htmlFor="template-subject">{email ? "Subject" : "Title"}</label>
          <input
            id="template-subject"
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            aria-invalid={problem?.field === "subject" ? true : undefined}
            aria-describedby={problem?.field === "subject" ? "template-problem" : undefined}
          />
          <label htmlFor="template-body">{email ? "Text (the HTML is made from it)" : "Text"}</label>
          <textarea
            id="template-body"
            className="template-body"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            aria-invalid={bodyProblem ? true : undefined}
            aria-describedby={problem ? "template-problem" : "template-names"}
          />
          <p id="template-names" className="muted">
            Names: {template.names.map((n) => `{{${n}}}`).join(" ")}
            {template.partials.length > 0 && <> · Blocks: {template.partials.map((p) => `{{> ${p}}}`).join(" ")}</>}
          </p>
          {problem && (
            <div role="alert" id="template-problem" className="error">
              {problem.field === "subject" ? (email ? "Subject" : "Title") : "Text"}
              {problem.line !== null ? `, line ${problem.line}` : ""}: {problem.message}
            </div>
          )}
          {bodyProblem?.line && (
            <ol className="template-lines" aria-label="The text's lines">
              {lines.map((l, i) => (
                <li key={i} className={i + 1 === bodyProblem.line ? "bad" : undefined} aria-current={i + 1 === bodyProblem.line ? "true" : undefined}>
                  {l || " "}
                </li>
              ))}
            </ol>
          )}
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
          <div className="row">
            <button type="submit">Save wording</button>
            {template.override && (
              <button type="button" className="secondary" onClick={() => void reset()}>
                Back to the standard wording
              </button>
            )}
            <button type="button" className="secondary" onClick={onClose}>
              Close
            </button>
          </div>
        </form>
        <div aria-labelledby="template-preview-title" role="region">
          <h3 id="template-preview-title">Preview with a sample booking</h3>
          {preview ? (
            <MessageView subject={preview.subject} text={preview.text} html={preview.html ?? null} label="Preview of the e-mail" />
          ) : (
            <p className="muted">The preview shows here.</p>
          )}
        </div>
      </div>
    </section>
  );
}
