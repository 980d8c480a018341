// Amounts are entered as decimals in the facility's currency and sent as integer minor units.

/// How many decimals the currency's minor unit has (2 for USD, 0 for JPY, 3 for BHD).
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/// "24.50" in USD is 2450; null when the text is not an amount the currency can hold.
export function toMinor(text: string, currency: string): number | null {
  const digits = minorDigits(currency);
  const t = text.trim();
  const decimals = digits > 0 ? `(\\.\\d{0,${digits}})?` : "";
  if (!new RegExp(`^\\d+${decimals}$`).test(t)) return null;
  const [whole, fraction = ""] = t.split(".");
  // Whole and fraction as integers, so no binary rounding slips in (0.29 * 100 is 28.999…).
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, "0") || "0");
}

/// 2450 in USD is "24.50".
export function fromMinor(amount: number, currency: string): string {
  const digits = minorDigits(currency);
  return (amount / 10 ** digits).toFixed(digits);
}
