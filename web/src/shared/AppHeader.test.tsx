import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { AppHeader } from "./AppHeader";

function Admin() {
  const [page, setPage] = useState("calendar");
  return (
    <>
      <AppHeader title="SlotBase Admin" navLabel="Admin" collapse>
        <button type="button" aria-current={page === "calendar" ? "page" : undefined} onClick={() => setPage("calendar")}>
          Calendar
        </button>
        <button type="button" aria-current={page === "settings" ? "page" : undefined} onClick={() => setPage("settings")}>
          Settings
        </button>
      </AppHeader>
      <p>Showing {page}</p>
    </>
  );
}

describe("AppHeader", () => {
  afterEach(cleanup);

  it("folds the pages behind a Menu that says whether it is open and closes once a page is chosen", () => {
    render(<Admin />);
    const nav = screen.getByRole("navigation", { name: "Admin" });
    const menu = screen.getByRole("button", { name: "Menu" });
    expect(menu).toHaveProperty("ariaExpanded", "false");
    const pages = document.getElementById(menu.getAttribute("aria-controls")!)!;
    expect(nav.contains(pages)).toBe(true);
    expect(pages.contains(screen.getByRole("button", { name: "Settings" }))).toBe(true);

    fireEvent.click(menu);
    expect(menu).toHaveProperty("ariaExpanded", "true");
    expect(screen.getByRole("banner").className).toContain("open");
    fireEvent.click(screen.getByRole("button", { name: "Settings" }));
    expect(screen.getByText("Showing settings")).toBeTruthy();
    expect(menu).toHaveProperty("ariaExpanded", "false");
    expect(screen.getByRole("banner").className).not.toContain("open");
  });

  it("closes the menu on Escape and gives the focus back to its button", () => {
    render(<Admin />);
    const menu = screen.getByRole("button", { name: "Menu" });
    fireEvent.click(menu);
    screen.getByRole("button", { name: "Calendar" }).focus();
    fireEvent.keyDown(document, { key: "Escape" });
    expect(menu).toHaveProperty("ariaExpanded", "false");
    expect(document.activeElement).toBe(menu);
  });

  it("keeps the player's pages in view with no Menu, and its actions beside them", () => {
    render(
      <AppHeader title="SlotBase" navLabel="Main" actions={<button type="button">Log out</button>}>
        <button type="button" aria-current="page">
          Book a court
        </button>
      </AppHeader>,
    );
    expect(screen.queryByRole("button", { name: "Menu" })).toBeNull();
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(nav.contains(screen.getByRole("button", { name: "Log out" }))).toBe(true);
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("SlotBase");
  });
});
