import { useEffect, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { OutboxMessage } from "../../shared/api/types";
import { formatDateTime } from "../../shared/time";
import { outbox } from "./api";
import { MessageView } from "./MessageView";

/// The e-mails SlotBase kept instead of sending (no mail server is configured), newest first, by
/// address; one opens with its headers, text and HTML. Platform administrators only.
export function Outbox({ api }: { api: Api }) {
  const [to, setTo] = useState("");
  const [items, setItems] = useState<OutboxMessage[] | null>(null);
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  useEffect(() => {
    const mine = ++latest.current;
    const timer = setTimeout(() => {
      outbox(api, to.trim()).then(
        (list) => {
          if (mine !== latest.current) return;
          setItems(list);
          setError(null);
        },
        (e) => mine === latest.current && setError(messageOf(e)),
      );
    }, 200);
    return () => clearTimeout(timer);
  }, [api, to]);

  return (
    <>
      <section className="panel" aria-labelledby="outbox-title">
        <h2 id="outbox-title">Outbox</h2>
        <p className="muted">No mail server is configured: e-mails are kept here as they would have been sent. Times in {zone}.</p>
        <label htmlFor="outbox-to">To (an address)</label>
        <input id="outbox-to" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {items &&
          (items.length === 0 ? (
            <p className="empty">No e-mails.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Outbox, scrolls sideways">
              <table className="sheet" aria-labelledby="outbox-title">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">To</th>
                    <th scope="col">Subject</th>
                    <th scope="col">
                      <span className="sr-only">Open</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((m) => (
                    <tr key={m.id} aria-current={open?.id === m.id ? "true" : undefined}>
                      <td>{formatDateTime(m.created_at, zone)}</td>
                      <td>{m.to}</td>
                      <td>{m.subject}</td>
                      <td>
                        <button type="button" className="secondary" aria-label={`Open the e-mail to ${m.to}: ${m.subject}`} onClick={() => setOpen(m)}>
                          Open
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
      </section>
      {open && (
        <section className="panel" aria-labelledby="outbox-message-title">
          <h2 id="outbox-message-title">E-mail to {open.to}</h2>
          <table className="sheet" aria-label="Headers">
            <tbody>
              {[["From", open.from], ["To", open.to], ...Object.entries(open.headers ?? {})].map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td>{v}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <MessageView subject={open.subject} text={open.text} html={open.html} />
          <button type="button" className="secondary" onClick={() => setOpen(null)}>
            Close
          </button>
        </section>
      )}
    </>
  );
}
