import { describe, expect, it } from "vitest";
import { accentStyle } from "./accent";

describe("accentStyle", () => {
  it("makes the club's colour the accent, with its shades", () => {
    const style = accentStyle("#1b5e20") as Record<string, string>;
    expect(style["--accent"]).toBe("#1b5e20");
    expect(style["--accent-strong"]).toBe("color-mix(in srgb, #1b5e20 78%, black)");
    expect(style["--accent-soft"]).toContain("white");
  });

  it("leaves SlotBase's own colour when the club has none or a malformed one", () => {
    expect(accentStyle("")).toBeUndefined();
    expect(accentStyle(undefined)).toBeUndefined();
    expect(accentStyle("green")).toBeUndefined();
    expect(accentStyle("#12345")).toBeUndefined();
  });
});
