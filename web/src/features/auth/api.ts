import type { Api } from "../../shared/api/client";
import type { Answer, User } from "../../shared/api/types";

export type LinkApp = "player" | "admin";

/// Asks for a link to set a new password; the answer is the same whether or not an account has
/// the address. Sent without the session: whoever asks need not be signed in.
export async function requestPasswordReset(api: Api, email: string, app: LinkApp): Promise<void> {
  await api.request<Answer<"/api/v1/auth/password-reset", "post">>("POST", "/api/v1/auth/password-reset", { email, app }, false);
}

/// Spends a reset link's token on a new password; every session of the account ends.
export function confirmPasswordReset(api: Api, token: string, password: string): Promise<User> {
  return api.request<User>("POST", "/api/v1/auth/password-reset/confirm", { token, password }, false);
}

/// Proves the address a verification link went to (as the signed-in user, if there is one).
export function verifyEmail(api: Api, token: string): Promise<User> {
  return api.post<User>("/api/v1/auth/verify-email", { token });
}

export async function resendVerification(api: Api): Promise<void> {
  await api.post<Answer<"/api/v1/auth/verify-email/resend", "post">>("/api/v1/auth/verify-email/resend");
}

/// The signed-in user as the server has them now (verified or not, a new address pending).
export function me(api: Api): Promise<User> {
  return api.get<Answer<"/api/v1/me", "get">>("/api/v1/me");
}
