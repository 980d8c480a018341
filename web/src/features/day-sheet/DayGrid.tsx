import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent as ReactPointerEvent } from "react";
import type { Block, Hold, Resource, StaffBooking } from "../../shared/api/types";
import { formatTime } from "../../shared/time";
import { rowsOf, type Row } from "./grid";
import { statusWords } from "./words";

/// A run of free rows on one court, chosen by a drag or by Shift and the arrow keys.
export interface Range {
  court: string;
  first: number;
  last: number;
}

export interface DayData {
  resources: Resource[];
  rows: Row[];
  bookings: StaffBooking[];
  blocks: Block[];
  /// The players' live holds, drawn at their own times.
  holds: Hold[];
}

/// How long a finger rests on a slot before dragging selects rather than scrolls.
const LONG_PRESS_MS = 400;

/// A court's colour, or one of a few distinct ones where it has none.
export function colourOf(r: Resource, index: number): string {
  const fallback = ["#0b5cad", "#1d6b35", "#8a1c1c", "#6b3fa0", "#a35200", "#00707a"];
  return r.color && /^#[0-9a-fA-F]{6}$/.test(r.color) ? r.color : fallback[index % fallback.length];
}

/// The day as a resource calendar: courts as columns under their colours, time as rows, each
/// booking, block and hold drawn over the rows it takes, closed rows shaded. Every free row is a
/// button: click (or Enter) to book there, drag (or Shift with the arrow keys) over several rows
/// of one court to book or block them.
export function DayGrid({
  data,
  tz,
  nameOf,
  onSlot,
  onRange,
  onBooking,
  onRemoveBlock,
}: {
  data: DayData;
  tz: string;
  nameOf: (userId: string) => string;
  onSlot: (court: string, row: number) => void;
  onRange: (range: Range) => void;
  onBooking: (b: StaffBooking) => void;
  onRemoveBlock: (b: Block) => void;
}) {
  const { resources, rows, bookings, blocks, holds } = data;
  const live = bookings.filter((b) => b.status !== "cancelled");
  const taken = new Map<string, boolean[]>();
  for (const r of resources) {
    const t = rows.map((row) => row.closed);
    for (const item of [...live, ...blocks, ...holds].filter((i) => i.resource_id === r.id)) {
      const at = rowsOf(rows, item);
      if (at) for (let i = at.first; i < at.last; i++) t[i] = true;
    }
    taken.set(r.id, t);
  }
  const free = (court: string, row: number) => taken.get(court)?.[row] === false;

  const [focus, setFocus] = useState<{ court: string; row: number } | null>(null);
  const [selection, setSelection] = useState<Range | null>(null);
  const drag = useRef<{ court: string; anchor: number; to: number } | null>(null);
  const dragged = useRef(false);
  // A finger on a slot scrolls the calendar, as anywhere on a phone; resting there a moment first
  // starts a selection instead (the press that is waiting to become one).
  const press = useRef<number | undefined>(undefined);
  const cells = useRef(new Map<string, HTMLButtonElement>());

  // The one cell in the tab order: the focused one, else the first free cell.
  const firstFree = (() => {
    for (let row = 0; row < rows.length; row++) for (const r of resources) if (free(r.id, row)) return { court: r.id, row };
    return null;
  })();
  const tabStop = focus && free(focus.court, focus.row) ? focus : firstFree;

  // A drag ends wherever the pointer is let go; a touch the browser takes for a scroll ends none.
  useEffect(() => {
    const cancel = () => {
      window.clearTimeout(press.current);
      drag.current = null;
    };
    // While a touch selects, the finger's moves select rather than scroll.
    const touchMove = (e: TouchEvent) => {
      if (drag.current && e.cancelable) e.preventDefault();
    };
    const up = () => {
      window.clearTimeout(press.current);
      const d = drag.current;
      drag.current = null;
      if (!d) return;
      if (d.anchor !== d.to) {
        dragged.current = true;
        const range = { court: d.court, first: Math.min(d.anchor, d.to), last: Math.max(d.anchor, d.to) + 1 };
        setSelection(range);
        onRange(range);
      }
    };
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", cancel);
    window.addEventListener("touchmove", touchMove, { passive: false });
    return () => {
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", cancel);
      window.removeEventListener("touchmove", touchMove);
    };
  }, [onRange]);

  // The run of free rows from `anchor` towards `to`, stopping at the first taken one.
  const reach = (court: string, anchor: number, to: number) => {
    const step = to >= anchor ? 1 : -1;
    let end = anchor;
    while (end !== to && free(court, end + step)) end += step;
    return end;
  };

  // Drags the selection being made on its court to `row`, as far as the free rows reach.
  const extend = (court: string, row: number) => {
    const d = drag.current;
    if (!d || d.court !== court) return;
    d.to = reach(d.court, d.anchor, row);
    setSelection({ court: d.court, first: Math.min(d.anchor, d.to), last: Math.max(d.anchor, d.to) + 1 });
  };
  // A touch's events need not reach the slots it passes over: the slot under the finger is found
  // by its place.
  const touchDrag = (e: ReactPointerEvent) => {
    if (!drag.current || e.pointerType !== "touch") return;
    const slot = document.elementFromPoint(e.clientX, e.clientY)?.closest<HTMLElement>("[data-row]");
    if (slot?.dataset.court) extend(slot.dataset.court, Number(slot.dataset.row));
  };

  const move = (court: string, row: number) => {
    setFocus({ court, row });
    cells.current.get(`${court}|${row}`)?.focus();
  };

  const keyDown = (e: KeyboardEvent, court: string, row: number) => {
    const col = resources.findIndex((r) => r.id === court);
    const findFree = (c: number, from: number, step: number) => {
      for (let i = from; i >= 0 && i < rows.length; i += step) if (free(resources[c].id, i)) return i;
      return -1;
    };
    dragged.current = false;
    if (e.key === "Escape") {
      setSelection(null);
      return;
    }
    if (e.shiftKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
      e.preventDefault();
      const sel = selection && selection.court === court ? selection : { court, first: row, last: row + 1 };
      const anchor = sel.first === row ? sel.last - 1 : sel.first;
      const next = e.key === "ArrowDown" ? row + 1 : row - 1;
      if (next < 0 || next >= rows.length || !free(court, next)) return;
      const end = reach(court, anchor, next);
      setSelection({ court, first: Math.min(anchor, end), last: Math.max(anchor, end) + 1 });
      move(court, end);
      return;
    }
    let target: { court: string; row: number } | null = null;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      const r = findFree(col, e.key === "ArrowDown" ? row + 1 : row - 1, e.key === "ArrowDown" ? 1 : -1);
      if (r >= 0) target = { court, row: r };
    } else if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
      const step = e.key === "ArrowRight" ? 1 : -1;
      for (let c = col + step; c >= 0 && c < resources.length; c += step)
        if (free(resources[c].id, row)) {
          target = { court: resources[c].id, row };
          break;
        }
    }
    if (target) {
      e.preventDefault();
      setSelection(null);
      move(target.court, target.row);
    }
  };

  const activate = (court: string, row: number) => {
    if (dragged.current) {
      dragged.current = false;
      return;
    }
    if (selection && selection.court === court && row >= selection.first && row < selection.last && selection.last - selection.first > 1) {
      onRange(selection);
      return;
    }
    setSelection(null);
    onSlot(court, row);
  };

  const opening = rows.filter((r) => !r.closed);
  const columns = `4.5rem repeat(${resources.length}, minmax(7.5rem, 1fr))`;
  const courtName = (id: string) => resources.find((r) => r.id === id)?.name ?? "Court";

  return (
    <div className="cal-scroll">
      <p className="muted cal-hint">
        {opening.length === 0
          ? "Closed all day."
          : `Open ${formatTime(new Date(opening[0].start).toISOString(), tz)} to ${formatTime(new Date(opening[opening.length - 1].end).toISOString(), tz)}; shaded rows are closed.`}{" "}
        Click a free slot to book it; drag down a court (on a touch screen, press and hold a slot first), or hold Shift with
        the arrow keys, to book or block several.
      </p>
      <div className="cal-day" onPointerMove={touchDrag} style={{ gridTemplateColumns: columns, gridTemplateRows: `auto repeat(${rows.length}, 1.75rem)` }}>
        {/* The zone is named above the grid; its corner stays as narrow as the times. */}
        <div className="cal-corner" style={{ gridRow: 1, gridColumn: 1 }}>
          Time
        </div>
        {resources.map((r, c) => (
          <div
            key={r.id}
            className="cal-court"
            style={{ gridRow: 1, gridColumn: c + 2, borderTopColor: colourOf(r, c) }}
          >
            <span className="cal-swatch" style={{ background: colourOf(r, c) }} aria-hidden="true" />
            {r.name}
          </div>
        ))}
        {rows.map((row, i) => (
          <div key={`t${i}`} className={`cal-time${row.minute % 60 === 0 ? " hour" : ""}`} style={{ gridRow: i + 2, gridColumn: 1 }} aria-hidden="true">
            {formatTime(new Date(row.start).toISOString(), tz)}
          </div>
        ))}
        {resources.map((r, c) =>
          rows.map((row, i) => {
            const style = { gridRow: i + 2, gridColumn: c + 2 };
            const time = formatTime(new Date(row.start).toISOString(), tz);
            if (!free(r.id, i))
              return <div key={`${r.id}${i}`} className={`cal-cell${row.closed ? " closed" : ""}`} style={style} aria-hidden="true" />;
            const selected = selection?.court === r.id && i >= selection.first && i < selection.last;
            const isStop = tabStop?.court === r.id && tabStop.row === i;
            return (
              <button
                key={`${r.id}${i}`}
                type="button"
                ref={(el) => {
                  if (el) cells.current.set(`${r.id}|${i}`, el);
                  else cells.current.delete(`${r.id}|${i}`);
                }}
                className={`cal-cell free${selected ? " selected" : ""}`}
                style={style}
                tabIndex={isStop ? 0 : -1}
                aria-label={`${r.name}, ${time}, free`}
                aria-pressed={selected ? true : undefined}
                onFocus={() => setFocus({ court: r.id, row: i })}
                onKeyDown={(e) => keyDown(e, r.id, i)}
                onPointerDown={(e) => {
                  if (e.button > 0) return;
                  dragged.current = false;
                  if (e.pointerType === "touch") {
                    // A touch captures its pointer to this slot: let go, so the slots it is
                    // dragged over hear it come, and wait to see whether it scrolls.
                    if (e.currentTarget.hasPointerCapture(e.pointerId)) e.currentTarget.releasePointerCapture(e.pointerId);
                    window.clearTimeout(press.current);
                    const court = r.id;
                    press.current = window.setTimeout(() => {
                      drag.current = { court, anchor: i, to: i };
                      setSelection({ court, first: i, last: i + 1 });
                    }, LONG_PRESS_MS);
                    return;
                  }
                  drag.current = { court: r.id, anchor: i, to: i };
                  setSelection(null);
                }}
                onContextMenu={(e) => {
                  if (drag.current) e.preventDefault();
                }}
                data-court={r.id}
                data-row={i}
                onPointerEnter={() => extend(r.id, i)}
                onClick={() => activate(r.id, i)}
              />
            );
          }),
        )}
        {resources.flatMap((r, c) => {
          const colour = colourOf(r, c);
          const items = [];
          for (const b of live.filter((x) => x.resource_id === r.id)) {
            const at = rowsOf(rows, b);
            if (!at) continue;
            const when = `${formatTime(b.start, tz)}–${formatTime(b.end, tz)}`;
            items.push(
              <button
                key={b.id}
                type="button"
                className={`cal-item booking ${b.status}`}
                style={{ gridRow: `${at.first + 2} / ${at.last + 2}`, gridColumn: c + 2, borderLeftColor: colour }}
                aria-label={`${when} on ${r.name}: ${nameOf(b.user_id)}, ${statusWords(b)}`}
                onClick={() => onBooking(b)}
              >
                <span className="cal-item-time">{when}</span> <strong>{nameOf(b.user_id)}</strong>
                <span className="cal-item-tags">
                  {b.status === "checked_in" && <span className="badge checked_in">checked in</span>}
                  {b.approval_status === "pending" && <span className="badge approval-pending">awaiting approval</span>}
                  {b.status === "no_show" && <span className="badge no_show">no-show</span>}
                </span>
              </button>,
            );
          }
          for (const b of blocks.filter((x) => x.resource_id === r.id)) {
            const at = rowsOf(rows, b);
            if (!at) continue;
            const start = formatTime(b.start, tz);
            items.push(
              <div key={b.id} className="cal-item block" style={{ gridRow: `${at.first + 2} / ${at.last + 2}`, gridColumn: c + 2 }}>
                <span className="cal-item-time">
                  {start}–{formatTime(b.end, tz)}
                </span>{" "}
                Blocked: {b.reason}{" "}
                <button type="button" className="link" aria-label={`Remove block ${start} on ${r.name}`} onClick={() => onRemoveBlock(b)}>
                  Remove
                </button>
              </div>,
            );
          }
          for (const h of holds.filter((x) => x.resource_id === r.id)) {
            const at = rowsOf(rows, h);
            if (!at) continue;
            items.push(
              <div key={h.id} className="cal-item hold" style={{ gridRow: `${at.first + 2} / ${at.last + 2}`, gridColumn: c + 2 }}>
                Held {formatTime(h.start, tz)}–{formatTime(h.end, tz)}
                <span className="visually-hidden"> on {r.name}, a player is booking it</span>
              </div>,
            );
          }
          return items;
        })}
      </div>
      {selection && selection.last - selection.first > 1 && (
        <p className="muted" aria-live="polite">
          Selected {courtName(selection.court)} from {formatTime(new Date(rows[selection.first].start).toISOString(), tz)} to{" "}
          {formatTime(new Date(rows[selection.last - 1].end).toISOString(), tz)}: press Enter to book or block it.
        </p>
      )}
    </div>
  );
}
