import type { Api } from "../../shared/api/client";
import type { LinkApp } from "./api";
import type { AccountPage } from "./links";
import { ResetPassword } from "./ResetPassword";
import { VerifyEmail } from "./VerifyEmail";

/// The page of an account e-mail's link, in either app. `onDone` leaves it for the app itself.
export function AccountLinkPage({
  api,
  app,
  page,
  onDone,
}: {
  api: Api;
  app: LinkApp;
  page: AccountPage;
  onDone: () => void;
}) {
  return page.kind === "reset-password" ? (
    <ResetPassword api={api} app={app} token={page.token} onDone={onDone} />
  ) : (
    <VerifyEmail api={api} token={page.token} onDone={onDone} />
  );
}
