import { useEffect, useId, useState, type MouseEvent, type ReactNode } from "react";

/// The header both apps share: the app's name, its pages (`children`: buttons with
/// aria-current="page" on the one shown) and what stays beside them (`actions`: the bell, the
/// account). `collapse`: on a narrow screen the pages fold behind a Menu button so the header
/// keeps to one row (the admin app's many pages); without it they stay, as tabs under the name
/// (the player app's three).
export function AppHeader({
  title,
  navLabel,
  collapse = false,
  actions,
  children,
}: {
  title: string;
  navLabel: string;
  collapse?: boolean;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const id = useId();

  // Escape closes the menu and gives the focus back to its button.
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      document.getElementById(`${id}-menu`)?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [open, id]);

  // Choosing a page closes the menu.
  const chose = (e: MouseEvent) => {
    if ((e.target as HTMLElement).closest("button")) setOpen(false);
  };

  return (
    <header className={`top${collapse ? " collapsible" : ""}${open ? " open" : ""}`}>
      <h1>
        <span className="brand-mark" aria-hidden="true" />
        {title}
      </h1>
      {(children || actions) && (
        <nav aria-label={navLabel}>
          {collapse && (
            <button
              type="button"
              id={`${id}-menu`}
              className="menu-button"
              aria-expanded={open}
              aria-controls={`${id}-pages`}
              onClick={() => setOpen((o) => !o)}
            >
              <span className="menu-icon" aria-hidden="true" />
              Menu
            </button>
          )}
          <div className="nav-items" id={`${id}-pages`} onClick={collapse ? chose : undefined}>
            {children}
          </div>
          {actions && <div className="nav-actions">{actions}</div>}
        </nav>
      )}
    </header>
  );
}
