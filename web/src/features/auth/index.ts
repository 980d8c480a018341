// Logging in and signing up, and the signed-in user. The calls themselves (log-in, sign-up,
// refresh, log-out) are the shared API client's, since every request needs its tokens.
export { AuthForm } from "./AuthForm";
export { useSession } from "./useSession";
