import { describe, expect, it } from "vitest";
import { accountPage, appRoot } from "./links";

describe("account e-mail links", () => {
  it("finds the page and token of a link in either app", () => {
    expect(accountPage("/reset-password", "?token=abc_-1")).toEqual({ kind: "reset-password", token: "abc_-1" });
    expect(accountPage("/admin/reset-password", "?token=xyz")).toEqual({ kind: "reset-password", token: "xyz" });
    expect(accountPage("/verify-email/", "?token=t")).toEqual({ kind: "verify-email", token: "t" });
  });

  it("keeps a link that lost its token, with none", () => {
    expect(accountPage("/verify-email", "")).toEqual({ kind: "verify-email", token: "" });
  });

  it("leaves every other path alone", () => {
    expect(accountPage("/", "?token=abc")).toBeNull();
    expect(accountPage("/reset-password-now", "?token=abc")).toBeNull();
    expect(accountPage("/admin", "")).toBeNull();
  });

  it("goes back to the app the link opened", () => {
    expect(appRoot("/admin/reset-password")).toBe("/admin/");
    expect(appRoot("/reset-password")).toBe("/");
    expect(appRoot("/administrators")).toBe("/");
  });
});
