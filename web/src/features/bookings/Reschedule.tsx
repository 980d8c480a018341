import { useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Booking } from "../../shared/api/types";
import { TimeField } from "../../shared/TimeField";
import { slotAt } from "../availability/api";
import { rescheduleBooking } from "./api";

/// Moves a booking to another date or start time on the same court, keeping its length.
export function Reschedule({
  api,
  booking,
  timeZone,
  onDone,
  onError,
}: {
  api: Api;
  booking: Booking;
  timeZone: string;
  onDone: (message: string) => void;
  onError: (m: string) => void;
}) {
  const localDate = new Intl.DateTimeFormat("en-CA", { timeZone }).format(new Date(booking.start));
  const localTime = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", minute: "2-digit" }).format(new Date(booking.start));
  const [date, setDate] = useState(localDate);
  const [time, setTime] = useState(localTime);
  const minutes = (new Date(booking.end).getTime() - new Date(booking.start).getTime()) / 60_000;

  async function submit() {
    try {
      const slot = await slotAt(api, booking.facility_id, booking.resource_id, date, time, minutes);
      if (!slot) return onError("That time is not on the facility's grid for that day.");
      await rescheduleBooking(api, booking.id, { start: slot.start, end: slot.end });
      onDone("Your booking was moved.");
    } catch (e) {
      onError(messageOf(e));
    }
  }

  return (
    <div role="group" aria-label="Move this booking" className="notice">
      <div className="row">
        <div>
          <label htmlFor={`move-date-${booking.id}`}>New date</label>
          <input id={`move-date-${booking.id}`} type="date" value={date} onChange={(e) => setDate(e.target.value)} />
        </div>
        <div>
          <label htmlFor={`move-time-${booking.id}`}>New start time</label>
          <TimeField id={`move-time-${booking.id}`} value={time} onChange={setTime} />
        </div>
        <button type="button" onClick={submit}>
          Move booking
        </button>
      </div>
    </div>
  );
}
