import { useEffect, useState } from "react";
import type { Api } from "../../shared/api/client";
import type { User } from "../../shared/api/types";

/// The signed-in user, kept in step with the client, and whether the stored session has been
/// tried yet (so an app shows "Loading" rather than the log-in form for a moment after a reload).
export function useSession(api: Api): { user: User | null; ready: boolean; setUser: (u: User | null) => void } {
  const [user, setUser] = useState<User | null>(api.currentUser);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const off = api.onUserChange(setUser);
    api
      .resume()
      .catch(() => false)
      .finally(() => setReady(true));
    return () => {
      off();
    };
  }, [api]);
  return { user, ready, setUser };
}
