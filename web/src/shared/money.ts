// Money as the API sends it: an integer of the currency's minor units and the currency's code.
// Amounts are typed as decimals in the currency's major unit and sent as minor units; the
// conversion works on the digits, never through floating point (0.29 * 100 is 28.999…).

/// How many decimals the currency's minor unit has (2 for USD, 0 for JPY and KRW, 3 for BHD).
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/// "24.50" in USD is 2450, "1500" in JPY is 1500; null when the text is not an amount the
/// currency can hold (negative, too many decimals, decimals in a zero-decimal currency, not a number).
export function toMinor(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const t = text.trim();
  const decimals = digits > 0 ? `(\\.\\d{0,${digits}})?` : "";
  if (!new RegExp(`^\\d+${decimals}$`).test(t)) return null;
  const [whole, fraction = ""] = t.split(".");
  const minor = Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
  return Number.isSafeInteger(minor) ? minor : null;
}

/// 2450 in USD is "24.50": the amount as typed in a form, without the currency's symbol.
export function fromMinor(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? "-" : "";
  const abs = String(Math.abs(amount)).padStart(digits + 1, "0");
  return digits === 0 ? `${sign}${abs}` : `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/// {amount: 2450, currency: "USD"} is "$24.50", {amount: 1500, currency: "JPY"} is "¥1,500".
export function formatMoney(m: { amount: number; currency: string }): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: m.currency }).format(
    m.amount / 10 ** minorDigits(m.currency),
  );
}
