import type { Block, Hours, Resource, StaffBooking } from "../../shared/api/types";
import { formatDay, formatTime, instant, todayIn } from "../../shared/time";
import { colourOf } from "./DayGrid";
import { holidayOn, openingOf } from "./grid";
import { statusWords } from "./words";

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

function hhmm(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/// What a day's header says about its hours: "08:00–22:00", "Closed", or a holiday's.
function hoursWords(hours: Hours, date: string): string {
  const o = openingOf(hours, date);
  const holiday = holidayOn(hours, date);
  const open = o ? `${hhmm(o.open)}–${hhmm(o.close)}` : "Closed";
  return holiday ? `${holiday.name}: ${open}` : open;
}

/// A week, Monday first: each day's bookings and blocks in time order, each booking marked with
/// its court's colour; holidays and closed days said in the day's header.
export function WeekView({
  dates,
  tz,
  hours,
  resources,
  bookings,
  blocks,
  nameOf,
  onDay,
  onBooking,
}: {
  dates: string[];
  tz: string;
  hours: Hours;
  resources: Resource[];
  bookings: Map<string, StaffBooking[]>;
  blocks: Map<string, Block[]>;
  nameOf: (userId: string) => string;
  onDay: (date: string) => void;
  onBooking: (b: StaffBooking) => void;
}) {
  const courtOf = (id: string) => {
    const i = resources.findIndex((r) => r.id === id);
    return i < 0 ? { name: "Court", colour: "#525a66" } : { name: resources[i].name, colour: colourOf(resources[i], i) };
  };
  const today = todayIn(tz);
  return (
    <div className="cal-week">
      {dates.map((d) => {
        const items = [
          ...(bookings.get(d) ?? []).filter((b) => b.status !== "cancelled").map((b) => ({ at: instant(b.start), booking: b as StaffBooking })),
          ...(blocks.get(d) ?? []).map((b) => ({ at: instant(b.start), block: b as Block })),
        ].sort((a, b) => a.at - b.at);
        const closed = !openingOf(hours, d);
        const holiday = holidayOn(hours, d);
        return (
          <section key={d} className={`cal-weekday${closed ? " closed" : ""}${d === today ? " today" : ""}`} aria-label={formatDay(d)}>
            <h3>
              <button type="button" className="link" onClick={() => onDay(d)}>
                {formatDay(d)}
              </button>
            </h3>
            <p className={holiday ? "holiday" : "muted"}>{hoursWords(hours, d)}</p>
            {items.length === 0 && <p className="muted">Nothing booked</p>}
            <ul className="cal-week-items">
              {items.map((i) => {
                if ("booking" in i && i.booking) {
                  const b = i.booking;
                  const c = courtOf(b.resource_id);
                  const when = `${formatTime(b.start, tz)}–${formatTime(b.end, tz)}`;
                  return (
                    <li key={b.id}>
                      <button
                        type="button"
                        className={`cal-chip ${b.status}`}
                        style={{ borderLeftColor: c.colour }}
                        aria-label={`${formatDay(d)} ${when} on ${c.name}: ${nameOf(b.user_id)}, ${statusWords(b)}`}
                        onClick={() => onBooking(b)}
                      >
                        <span className="cal-swatch" style={{ background: c.colour }} aria-hidden="true" />
                        {when} {c.name} · {nameOf(b.user_id)}
                      </button>
                    </li>
                  );
                }
                const b = (i as { block: Block }).block;
                const c = courtOf(b.resource_id);
                return (
                  <li key={b.id} className="cal-chip block">
                    {formatTime(b.start, tz)}–{formatTime(b.end, tz)} {c.name} · blocked: {b.reason}
                  </li>
                );
              })}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/// A month, Monday first: each day with a coloured dot per booking (its court's colour), the
/// holidays named and closed days shaded; a day opens in the day view.
export function MonthView({
  month,
  weeks,
  tz,
  hours,
  resources,
  bookings,
  onDay,
}: {
  month: string;
  weeks: string[][];
  tz: string;
  hours: Hours;
  resources: Resource[];
  bookings: Map<string, StaffBooking[]>;
  onDay: (date: string) => void;
}) {
  const colour = (id: string) => {
    const i = resources.findIndex((r) => r.id === id);
    return i < 0 ? "#525a66" : colourOf(resources[i], i);
  };
  const today = todayIn(tz);
  return (
    <table className="cal-month">
      <caption className="visually-hidden">Bookings by day</caption>
      <thead>
        <tr>
          {WEEKDAYS.map((w) => (
            <th key={w} scope="col">
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week) => (
          <tr key={week[0]}>
            {week.map((d) => {
              const inMonth = d.slice(0, 7) === month;
              const day = (bookings.get(d) ?? []).filter((b) => b.status !== "cancelled");
              const holiday = holidayOn(hours, d);
              const closed = !openingOf(hours, d);
              const label = `${formatDay(d)}: ${day.length} booking${day.length === 1 ? "" : "s"}${holiday ? `, ${holiday.name}` : ""}${closed ? ", closed" : ""}`;
              return (
                <td key={d} className={`${inMonth ? "" : "other"}${closed ? " closed" : ""}${d === today ? " today" : ""}`}>
                  {inMonth && (
                    <button type="button" className="cal-date" aria-label={label} onClick={() => onDay(d)}>
                      <span className="cal-date-n">{Number(d.slice(8))}</span>
                      {holiday && <span className="holiday">{holiday.name}</span>}
                      <span className="cal-dots" aria-hidden="true">
                        {day.slice(0, 12).map((b) => (
                          <span key={b.id} className="cal-dot" style={{ background: colour(b.resource_id) }} />
                        ))}
                        {day.length > 12 && <span className="cal-more">+{day.length - 12}</span>}
                      </span>
                      {day.length > 0 && <span className="cal-count">{day.length} booked</span>}
                    </button>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
