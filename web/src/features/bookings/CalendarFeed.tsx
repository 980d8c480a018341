import { useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { CalendarFeedLink } from "../../shared/api/types";
import { calendarFeed, newCalendarFeed } from "./api";

/// The feed's address as a calendar app takes it ("subscribe from URL"), and as webcal://, which
/// opens the device's calendar app at its subscribe dialog.
function addresses(link: CalendarFeedLink, origin: string) {
  const https = new URL(link.url, origin).toString();
  return { https, webcal: link.webcal_url ?? https.replace(/^https?:/, "webcal:") };
}

/// Copies `text`: the Clipboard API where the page may use it, else the selected input's text.
async function copy(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Refused (no permission, or the page is not focused): fall back to the selection.
  }
  if (!input) return false;
  input.select();
  return document.execCommand?.("copy") ?? false;
}

/// "Subscribe to my calendar": the secret address of the player's calendar feed, to copy into a
/// calendar app or open as webcal://, and a new address for one that was shared too widely.
export function CalendarFeed({ api, origin = window.location.origin }: { api: Api; origin?: string }) {
  const [link, setLink] = useState<CalendarFeedLink | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [input, setInput] = useState<HTMLInputElement | null>(null);

  useEffect(() => {
    let live = true;
    calendarFeed(api).then(
      (l) => live && setLink(l),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const rotate = async () => {
    setError(null);
    setMessage(null);
    try {
      setLink(await newCalendarFeed(api));
      setConfirming(false);
      setMessage("A new link was made. The old one no longer works: subscribe again with this one.");
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const where = link ? addresses(link, origin) : null;
  return (
    <section aria-labelledby="calendar-feed-title">
      <h3 id="calendar-feed-title">Subscribe to my calendar</h3>
      <p className="muted">
        Add this link to Google Calendar, Apple Calendar or Outlook (&ldquo;subscribe from URL&rdquo;) and your bookings
        appear there, moved or cancelled as they change here. Anyone with the link can see your bookings: keep it to
        yourself.
      </p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {message && (
        <p role="status" className="success">
          {message}
        </p>
      )}
      {where && (
        <>
          <label htmlFor="calendar-feed-address">Calendar link</label>
          <div className="row">
            <input id="calendar-feed-address" ref={setInput} readOnly value={where.https} onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              onClick={async () => {
                setError(null);
                const done = await copy(where.https, input);
                setMessage(done ? "Copied the calendar link." : null);
                if (!done) setError("Could not copy: select the link and copy it yourself.");
              }}
            >
              Copy link
            </button>
            <a href={where.webcal}>Open in my calendar app</a>
          </div>
          <div className="row actions">
            {confirming ? (
              <div role="group" aria-label="Confirm the new link" className="notice">
                <p>Calendars subscribed to the current link stop receiving your bookings.</p>
                <div className="row">
                  <button type="button" className="danger" onClick={rotate}>
                    Yes, make a new link
                  </button>
                  <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                    Keep the current link
                  </button>
                </div>
              </div>
            ) : (
              <button type="button" className="secondary" onClick={() => setConfirming(true)}>
                Make a new link
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}
