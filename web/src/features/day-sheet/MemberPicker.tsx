import { useId, useState } from "react";
import type { MemberEntry } from "../../shared/api/types";

const SHOWN = 8;

/// Finds a member by typing part of a name or e-mail (a combobox over the facility's members);
/// an empty choice books for the club itself.
export function MemberPicker({
  id,
  members,
  value,
  onChange,
}: {
  id: string;
  members: MemberEntry[];
  value: string;
  onChange: (userId: string) => void;
}) {
  const listId = useId();
  const chosen = members.find((m) => m.user_id === value);
  const [text, setText] = useState(chosen ? labelOf(chosen) : "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);

  const words = text.trim().toLowerCase();
  const matches = members
    .filter((m) => m.user_id && m.status === "active")
    .filter((m) => !words || `${m.name ?? ""} ${m.email}`.toLowerCase().includes(words))
    .slice(0, SHOWN);

  const pick = (m: MemberEntry | null) => {
    onChange(m?.user_id ?? "");
    setText(m ? labelOf(m) : "");
    setOpen(false);
  };

  return (
    <div className="picker">
      <label htmlFor={id}>Member</label>
      <input
        id={id}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && matches[active] ? `${listId}-${active}` : undefined}
        placeholder="Name or e-mail; empty for the club"
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
          if (value) onChange("");
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, matches.length - 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === "Enter" && open && matches[active]) {
            e.preventDefault();
            pick(matches[active]);
          } else if (e.key === "Escape") {
            setOpen(false);
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label="Matches" className="picker-list" hidden={!open}>
        {matches.map((m, i) => (
          <li
            key={m.user_id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            // Chosen before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(m);
            }}
          >
            {labelOf(m)}
          </li>
        ))}
        {matches.length === 0 && (
          <li role="option" aria-selected={false} aria-disabled="true" className="muted">
            No member matches “{text}”
          </li>
        )}
      </ul>
      <div className="muted" aria-live="polite">
        {value && chosen ? `Booking for ${labelOf(chosen)}` : "Booking for the club itself"}
      </div>
    </div>
  );
}

function labelOf(m: MemberEntry): string {
  return m.name ? `${m.name} (${m.email})` : m.email;
}
