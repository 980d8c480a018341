// For the settings forms' tests: reading and filling boxes by label, and a 422 from the server.
import { fireEvent, screen } from "@testing-library/react";
import { Reply } from "../../shared/api/testing";

export const box = (label: string) => screen.getByLabelText(label) as HTMLInputElement;
export const fill = (label: string, value: string) => fireEvent.change(box(label), { target: { value } });
export const invalid = (errors: { field: string; message: string }[]) =>
  new Reply(422, { type: "about:blank", title: "Validation failed", status: 422, detail: "Validation failed", errors });

/// The message the box's aria-describedby points to.
export const messageAt = (label: string) => document.getElementById(box(label).getAttribute("aria-describedby") ?? "")?.textContent;
