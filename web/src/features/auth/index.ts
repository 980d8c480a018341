// Logging in and signing up, and the signed-in user. The calls themselves (log-in, sign-up,
// refresh, log-out) are the shared API client's, since every request needs its tokens. Account
// e-mails: "Forgot password?", the pages their links open, and the player's "verify" notice.
export { AuthForm } from "./AuthForm";
export { AccountLinkPage } from "./AccountLinkPage";
export { accountPage, appRoot, type AccountPage } from "./links";
export { useSession } from "./useSession";
export { VerifyNotice } from "./VerifyNotice";
