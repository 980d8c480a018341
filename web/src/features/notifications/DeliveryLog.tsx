import { useEffect, useRef, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility, NotificationDelivery } from "../../shared/api/types";
import { formatDateTime } from "../../shared/time";
import { WordSelect } from "../../shared/WordSelect";
import { deliveryLog, deliveryOne, myPreferences, type LogFilters } from "./api";
import { MessageView } from "./MessageView";
import { channelLabel, type Channel, type DeliveryStatus } from "./words";

const STATUSES: DeliveryStatus[] = ["queued", "sent", "delivered", "failed", "suppressed"];
const CHANNELS: Channel[] = ["email", "in_app", "sms", "push"];

/// Who a message went to: the person's name, and the address or number it went to (an in-app
/// message's "address" is the account itself, so the name alone).
function toWords(n: NotificationDelivery): string {
  if (!n.recipient_name) return n.recipient;
  return n.channel === "in_app" ? n.recipient_name : `${n.recipient_name}, ${n.recipient}`;
}

/// The facility's messages and how each went (the delivery log), by status, channel, type and
/// day, and one of them as it was sent: subject, text, its HTML in a sandboxed frame, attempts
/// and the last error.
export function DeliveryLog({ api, facility }: { api: Api; facility: Facility }) {
  const [filters, setFilters] = useState<LogFilters>({ status: "", channel: "", type: "", date: "" });
  const [items, setItems] = useState<NotificationDelivery[] | null>(null);
  const [labels, setLabels] = useState<{ type: string; label: string }[]>([]);
  const [open, setOpen] = useState<NotificationDelivery | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    myPreferences(api).then((p) => setLabels(p.catalogue), () => undefined);
  }, [api]);

  useEffect(() => {
    // An older answer never overwrites the one for the filters now chosen.
    const mine = ++latest.current;
    deliveryLog(api, facility.id, filters).then(
      (list) => {
        if (mine !== latest.current) return;
        setItems(list);
        setError(null);
      },
      (e) => mine === latest.current && setError(messageOf(e)),
    );
  }, [api, facility.id, filters]);

  const labelOf = (type: string) => labels.find((l) => l.type === type)?.label ?? type;
  const set = (change: Partial<LogFilters>) => setFilters((f) => ({ ...f, ...change }));
  const show = async (id: string) => {
    try {
      setOpen(await deliveryOne(api, facility.id, id));
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <>
      <section className="panel" aria-labelledby="delivery-log-title">
        <h2 id="delivery-log-title">Delivery log</h2>
        <div className="row">
          <WordSelect id="log-status" label="Status" value={filters.status} words={STATUSES} onChange={(status) => set({ status })} any="any" />
          <div>
            <label htmlFor="log-channel">Channel</label>
            <select id="log-channel" value={filters.channel} onChange={(e) => set({ channel: e.target.value as Channel | "" })}>
              <option value="">any</option>
              {CHANNELS.map((c) => (
                <option key={c} value={c}>
                  {channelLabel(c)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="log-type">Message type</label>
            <select id="log-type" value={filters.type} onChange={(e) => set({ type: e.target.value })}>
              <option value="">any</option>
              {labels.map((l) => (
                <option key={l.type} value={l.type}>
                  {l.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="log-date">Date</label>
            <input id="log-date" type="date" value={filters.date} onChange={(e) => set({ date: e.target.value })} />
          </div>
        </div>
        <p className="muted">
          Times in {facility.timezone}; {filters.date ? `messages made on ${filters.date}` : "every day"}, newest first.
        </p>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        {items &&
          (items.length === 0 ? (
            <p className="empty">No messages match.</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label="Delivery log, scrolls sideways">
              <table className="sheet" aria-labelledby="delivery-log-title">
                <thead>
                  <tr>
                    <th scope="col">When</th>
                    <th scope="col">Message</th>
                    <th scope="col">Channel</th>
                    <th scope="col">To</th>
                    <th scope="col">Status</th>
                    <th scope="col">Attempts</th>
                    <th scope="col">
                      <span className="sr-only">Open</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((n) => (
                    <tr key={n.id} aria-current={open?.id === n.id ? "true" : undefined}>
                      <td>{formatDateTime(n.created_at, facility.timezone)}</td>
                      <td>{labelOf(n.type)}</td>
                      <td>{channelLabel(n.channel)}</td>
                      <td>{toWords(n)}</td>
                      <td>
                        <span className={`badge log-${n.status}`}>{n.status}</span>
                        {n.undeliverable && <span className="badge log-failed">undeliverable</span>}
                        {n.error && <div className="muted">{n.error}</div>}
                      </td>
                      <td>{n.attempts}</td>
                      <td>
                        <button type="button" className="secondary" aria-label={`Open ${labelOf(n.type)}, ${channelLabel(n.channel)} to ${toWords(n)}`} onClick={() => void show(n.id)}>
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
        <section className="panel" aria-labelledby="delivery-message-title">
          <h2 id="delivery-message-title">{labelOf(open.type)} as sent</h2>
          <dl className="rules">
            <div>
              <dt>Channel</dt>
              <dd>{channelLabel(open.channel)}</dd>
            </div>
            <div>
              <dt>To</dt>
              <dd>{toWords(open)}</dd>
            </div>
            <div>
              <dt>Status</dt>
              <dd>
                {open.status}
                {open.sent_at && `, ${formatDateTime(open.sent_at, facility.timezone)}`}
              </dd>
            </div>
            <div>
              <dt>Attempts</dt>
              <dd>
                {open.attempts}
                {open.attempt_log.length > 0 && (
                  <ol className="attempt-log">
                    {open.attempt_log.map((a, i) => (
                      <li key={i}>
                        {formatDateTime(a.at, facility.timezone)}: {a.provider}, {a.outcome}
                        {a.error && ` (${a.error})`}
                      </li>
                    ))}
                  </ol>
                )}
              </dd>
            </div>
            {open.undeliverable && (
              <div>
                <dt>Recipient</dt>
                <dd>Undeliverable: nothing more is sent to this {open.channel === "sms" ? "number" : "address"}.</dd>
              </div>
            )}
            {open.error && (
              <div>
                <dt>Error</dt>
                <dd>{open.error}</dd>
              </div>
            )}
          </dl>
          <MessageView subject={open.subject ?? ""} text={open.body ?? ""} html={open.html ?? null} />
          <button type="button" className="secondary" onClick={() => setOpen(null)}>
            Close
          </button>
        </section>
      )}
    </>
  );
}
