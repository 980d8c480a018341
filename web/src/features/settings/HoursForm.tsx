import { useEffect, useState, type FormEvent } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility, Hours } from "../../shared/api/types";
import { getHours, setHours } from "./api";
import { Cell, fieldMessage, SaveBar, TimeInput, useSave, WEEKDAYS } from "./Fields";

interface Day {
  open: boolean;
  from: string;
  to: string;
}
interface Holiday {
  date: string;
  name: string;
  closed: boolean;
  open: string;
  close: string;
}

function daysOf(hours: Hours): Day[] {
  return WEEKDAYS.map((_, i) => {
    const d = hours.weekly?.find((w) => w.weekday === i + 1);
    return d ? { open: true, from: d.open, to: d.close } : { open: false, from: "", to: "" };
  });
}

function holidaysOf(hours: Hours): Holiday[] {
  return (hours.holidays ?? []).map((h) => ({ date: h.date, name: h.name, closed: h.closed ?? true, open: h.open ?? "", close: h.close ?? "" }));
}

/// Weekly opening hours and holidays (closed, or open for modified hours), in the facility's local
/// time, saved together.
export function HoursForm({ api, facility }: { api: Api; facility: Facility }) {
  const [days, setDays] = useState<Day[] | null>(null);
  const [holidays, setHolidays] = useState<Holiday[]>([]);
  // The weekdays in the order they were sent: the server names a weekly row by its index.
  const [sentDays, setSentDays] = useState<number[]>([]);
  const { error, setError, saved, busy, run } = useSave();

  useEffect(() => {
    let live = true;
    getHours(api, facility.id).then(
      (h) => {
        if (!live) return;
        setDays(daysOf(h));
        setHolidays(holidaysOf(h));
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [api, facility.id, setError]);

  const setDay = (i: number, d: Partial<Day>) => setDays(days && days.map((x, k) => (k === i ? { ...x, ...d } : x)));
  const setHoliday = (i: number, h: Partial<Holiday>) => setHolidays(holidays.map((x, k) => (k === i ? { ...x, ...h } : x)));
  const dayError = (weekday: number, part: "open" | "close") => {
    const at = sentDays.indexOf(weekday);
    return at < 0 ? undefined : (fieldMessage(error, `weekly[${at}].${part}`) ?? fieldMessage(error, `weekly[${at}]`));
  };
  const holidayError = (i: number, part: keyof Holiday) => fieldMessage(error, `holidays[${i}].${part}`);

  function save(e: FormEvent) {
    e.preventDefault();
    if (!days) return;
    const open = days.flatMap((d, i) => (d.open ? [i + 1] : []));
    const body: Hours = {
      weekly: open.map((weekday) => ({ weekday, open: days[weekday - 1].from, close: days[weekday - 1].to })),
      holidays: holidays.map((h) =>
        h.closed ? { date: h.date, name: h.name, closed: true } : { date: h.date, name: h.name, closed: false, open: h.open, close: h.close },
      ),
    };
    setSentDays(open);
    run(async () => {
      const h = await setHours(api, facility.id, body);
      setDays(daysOf(h));
      setHolidays(holidaysOf(h));
    });
  }

  if (!days)
    return error ? (
      <p role="alert" className="error">
        {messageOf(error)}
      </p>
    ) : (
      <p role="status">Loading…</p>
    );

  return (
    <form onSubmit={save} aria-labelledby="hours-title" noValidate>
      <h3 id="hours-title">Opening hours and holidays</h3>
      <fieldset>
        <legend>Every week</legend>
        <table className="sheet">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Open</th>
              <th scope="col">Opens (HH:MM)</th>
              <th scope="col">Closes (HH:MM)</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d, i) => (
              <tr key={WEEKDAYS[i]}>
                <th scope="row">{WEEKDAYS[i]}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${WEEKDAYS[i]} open`}
                    checked={d.open}
                    onChange={(e) => setDay(i, { open: e.target.checked, from: d.from || "08:00", to: d.to || "22:00" })}
                  />
                </td>
                {(["from", "to"] as const).map((part) => (
                  <td key={part}>
                    <Cell id={`day-${i}-${part}`} error={dayError(i + 1, part === "from" ? "open" : "close")}>
                      {(props) => (
                        <TimeInput
                          {...props}
                          aria-label={`${WEEKDAYS[i]} ${part === "from" ? "opens" : "closes"}`}
                          value={d[part]}
                          disabled={!d.open}
                          onChange={(e) => setDay(i, { [part]: e.target.value })}
                        />
                      )}
                    </Cell>
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </fieldset>

      <fieldset>
        <legend>Holidays</legend>
        <p className="muted">A holiday replaces that one date's hours: closed all day, or open for modified hours.</p>
        {holidays.length === 0 ? (
          <p>No holidays.</p>
        ) : (
          <table className="sheet">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Name</th>
                <th scope="col">Closed all day</th>
                <th scope="col">Opens (HH:MM)</th>
                <th scope="col">Closes (HH:MM)</th>
                <th scope="col">
                  <span className="sr-only">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {holidays.map((h, i) => (
                <tr key={i}>
                  <td>
                    <Cell id={`holiday-${i}-date`} error={holidayError(i, "date")}>
                      {(props) => (
                        <input {...props} type="date" aria-label={`Holiday ${i + 1} date`} value={h.date} onChange={(e) => setHoliday(i, { date: e.target.value })} />
                      )}
                    </Cell>
                  </td>
                  <td>
                    <Cell id={`holiday-${i}-name`} error={holidayError(i, "name")}>
                      {(props) => <input {...props} aria-label={`Holiday ${i + 1} name`} value={h.name} onChange={(e) => setHoliday(i, { name: e.target.value })} />}
                    </Cell>
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Holiday ${i + 1} closed all day`}
                      checked={h.closed}
                      onChange={(e) => setHoliday(i, { closed: e.target.checked })}
                    />
                  </td>
                  {(["open", "close"] as const).map((part) => (
                    <td key={part}>
                      <Cell id={`holiday-${i}-${part}`} error={holidayError(i, part)}>
                        {(props) => (
                          <TimeInput
                            {...props}
                            aria-label={`Holiday ${i + 1} ${part === "open" ? "opens" : "closes"}`}
                            value={h[part]}
                            disabled={h.closed}
                            onChange={(e) => setHoliday(i, { [part]: e.target.value })}
                          />
                        )}
                      </Cell>
                    </td>
                  ))}
                  <td>
                    <button type="button" className="secondary" aria-label={`Remove holiday ${i + 1}`} onClick={() => setHolidays(holidays.filter((_, k) => k !== i))}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <button
          type="button"
          className="secondary"
          onClick={() => setHolidays([...holidays, { date: "", name: "", closed: true, open: "", close: "" }])}
        >
          Add a holiday
        </button>
      </fieldset>

      <SaveBar error={error} saved={saved} busy={busy} done="The opening hours are saved." label="Save opening hours" />
    </form>
  );
}
