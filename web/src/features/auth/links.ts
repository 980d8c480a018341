// The pages an account e-mail's link opens: `/reset-password?token=` and `/verify-email?token=`
// (under `/admin` in the admin app). Opening one changes nothing: the page asks, then POSTs, so a
// mail scanner that follows links spends no token.

export type AccountPage = { kind: "reset-password" | "verify-email"; token: string };

/// The account page a location shows, if it is one; `token` is "" when the link lost it.
export function accountPage(pathname: string, search: string): AccountPage | null {
  const m = /\/(reset-password|verify-email)\/?$/.exec(pathname);
  if (!m) return null;
  return { kind: m[1] as AccountPage["kind"], token: new URLSearchParams(search).get("token")?.trim() ?? "" };
}

/// Where the app that shows `pathname` starts: "/admin/" or "/".
export function appRoot(pathname: string): string {
  return pathname === "/admin" || pathname.startsWith("/admin/") ? "/admin/" : "/";
}
