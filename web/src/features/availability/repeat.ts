import type { Policies } from "../../shared/api/types";
import { todayIn } from "../../shared/time";

/// How far ahead a player may repeat a slot weekly at this facility, or undefined where players
/// may not book series: the facility has not allowed it, or it takes payment when a player books
/// (the server then refuses a player's series: those are booked at the desk).
export function playerRepeat(policies: Policies): { horizonDays: number } | undefined {
  if (!policies.allow_player_recurring || policies.payment_timing === "at_booking") return undefined;
  return { horizonDays: policies.recurring_horizon_days ?? 90 };
}

/// The local date (YYYY-MM-DD) of an instant in the facility's zone.
export function localDate(iso: string, timeZone: string): string {
  return todayIn(timeZone, new Date(iso));
}

/// The weekday's name of a local date, e.g. "Thursday".
export function weekdayOf(date: string): string {
  return new Intl.DateTimeFormat("en-US", { weekday: "long", timeZone: "UTC" }).format(new Date(`${date}T12:00:00Z`));
}
