import { formatTime } from "../../shared/time";

/// Minutes after local midnight of an instant, in the facility's zone.
function localMinutes(iso: string, tz: string): number {
  const [h, m] = formatTime(iso, tz).split(":").map(Number);
  return h * 60 + m;
}

/// The court's day at a glance, 06:00 to 24:00: one bar per booking or block, coloured by status.
/// The list under it says the same in words, so the bar is hidden from screen readers.
export function Timeline({ items, tz }: { items: { id: string; start: string; end: string; kind: string }[]; tz: string }) {
  const from = 6 * 60;
  const span = 18 * 60;
  return (
    <div className="timeline" aria-hidden="true">
      {[6, 9, 12, 15, 18, 21].map((h) => (
        <span key={h} className="tick" style={{ left: `${((h * 60 - from) / span) * 100}%` }}>
          {String(h).padStart(2, "0")}
        </span>
      ))}
      {items.map((i) => {
        const start = Math.max(localMinutes(i.start, tz), from);
        let end = localMinutes(i.end, tz);
        if (end <= start) end = 24 * 60;
        return (
          <span
            key={i.id}
            className={`bar ${i.kind}`}
            style={{ left: `${((start - from) / span) * 100}%`, width: `${((end - start) / span) * 100}%` }}
          />
        );
      })}
    </div>
  );
}
