import type { Availability, Slot } from "../../shared/api/types";
import { formatMoney } from "../../shared/money";
import type { PriceReason } from "../../shared/prices";
import { formatTime, instant, sameInstant } from "../../shared/time";
import { upcoming } from "./days";

/// A stretch of time on one court: the player's hold or one of their bookings.
export interface CourtRange {
  resourceId: string;
  start: string;
  end: string;
}

export interface SlotChoice {
  resourceId: string;
  resourceName: string;
  slot: Slot;
  /// Set when the slot is taken by the player's own hold or booking.
  mine?: "hold" | "booking";
}

const STATUS_WORD: Record<Slot["status"], string> = {
  available: "available",
  held: "held by someone",
  booked: "booked",
  blocked: "closed for maintenance",
  closed: "not bookable",
};

/// Every court as a column and time as rows. Each slot is a button whose name says court, time,
/// status and price, so a screen reader hears what a sighted player sees. The player's own hold
/// and bookings read "your hold" and "your booking", not as someone else's. A free slot whose
/// price is not its court's base price says why ("peak time", "weekend rate", "member price").
/// Given `now`, slots that started before it are not shown.
export function BookingGrid({
  availability: all,
  selected,
  myBookings = [],
  onPick,
  asList = false,
  now,
  priceReasons,
}: {
  availability: Availability;
  /// The player's hold.
  selected?: CourtRange;
  /// The player's active bookings.
  myBookings?: CourtRange[];
  onPick: (choice: SlotChoice) => void;
  /// On a phone: one list of times per court instead of a table.
  asList?: boolean;
  /// Hides the slots that started before this instant (milliseconds).
  now?: number;
  /// Why a slot costs what it does, where that is not its court's base price.
  priceReasons?: (resourceId: string, slot: Slot) => PriceReason[] | undefined;
}) {
  const tz = all.timezone;
  if (all.resources.length === 0 || all.resources.every((r) => r.slots.length === 0))
    return <p className="notice">The facility is closed on this day.</p>;
  const availability = now === undefined ? all : upcoming(all, now);
  const resources = availability.resources;
  if (resources.every((r) => r.slots.length === 0))
    return <p className="notice">This day's times have all passed. Pick a later date.</p>;
  // Courts share the facility's grid; rows are the distinct start instants across them.
  const starts = [...new Set(resources.flatMap((r) => r.slots.map((s) => instant(s.start))))].sort((a, b) => a - b);
  // A slot is the player's only where their hold or booking covers all of it: an hour-long slot
  // that starts half an hour before their booking is taken, but not by them.
  const onCourt = (r: Availability["resources"][number], slot: Slot, range: CourtRange) =>
    range.resourceId === r.resource_id &&
    instant(range.start) <= instant(slot.start) &&
    instant(slot.end) <= instant(range.end);
  const button = (r: Availability["resources"][number], slot: Slot) => {
    const isSelected =
      selected !== undefined &&
      selected.resourceId === r.resource_id &&
      sameInstant(selected.start, slot.start) &&
      sameInstant(selected.end, slot.end);
    const mine =
      isSelected || (slot.status === "held" && selected && onCourt(r, slot, selected))
        ? "hold"
        : slot.status === "booked" && myBookings.some((b) => onCourt(r, slot, b))
          ? "booking"
          : undefined;
    const word = mine ? `your ${mine}` : STATUS_WORD[slot.status];
    const why = slot.status === "available" ? (priceReasons?.(r.resource_id, slot) ?? []).map((x) => x.short).join(", ") : "";
    const label = `${r.name}, ${formatTime(slot.start, tz)} to ${formatTime(slot.end, tz)}, ${word}${
      slot.status === "available" ? `, ${formatMoney(slot.price)}${why ? `, ${why}` : ""}` : ""
    }`;
    const canAct = slot.status === "available" || slot.status === "held" || slot.status === "booked";
    return (
      <button
        type="button"
        className={`slot ${slot.status}${mine ? " mine" : ""}${isSelected ? " selected" : ""}`}
        aria-label={label}
        aria-pressed={isSelected}
        disabled={!canAct}
        onClick={() => onPick({ resourceId: r.resource_id, resourceName: r.name, slot, mine })}
      >
        {asList ? `${formatTime(slot.start, tz)} · ` : ""}
        {slot.status === "available" ? formatMoney(slot.price) : word}
        {why && <span className="why">{why}</span>}
      </button>
    );
  };

  if (asList)
    return (
      <div>
        <p className="muted">Times in the facility's time zone ({tz})</p>
        {resources.map((r) => (
          <section key={r.resource_id} aria-labelledby={`court-${r.resource_id}`}>
            <h3 id={`court-${r.resource_id}`}>{r.name}</h3>
            <ul className="slot-list">
              {r.slots.map((slot) => (
                <li key={slot.start}>{button(r, slot)}</li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    );

  return (
    <div className="grid-wrap">
      <table className="grid">
        <caption className="muted">
          Times in the facility's time zone ({tz})
        </caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            {resources.map((r) => (
              <th scope="col" key={r.resource_id}>
                {r.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {starts.map((start) => (
            <tr key={start}>
              <th scope="row">{formatTime(new Date(start).toISOString(), tz)}</th>
              {resources.map((r) => {
                const slot = r.slots.find((s) => instant(s.start) === start);
                return <td key={r.resource_id}>{slot && button(r, slot)}</td>;
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
