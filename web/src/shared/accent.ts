import type { CSSProperties } from "react";

/// A club's accent colour ("#rrggbb", dark enough for white text: the server checks) as the
/// design system's accent tokens, for the part of the player app that shows that club. The
/// stronger and softer shades are mixed from it, as the defaults in styles.css are from the blue.
export function accentStyle(color: string | undefined | null): CSSProperties | undefined {
  if (!color || !/^#[0-9a-fA-F]{6}$/.test(color)) return undefined;
  return {
    "--accent": color,
    "--accent-strong": `color-mix(in srgb, ${color} 78%, black)`,
    "--accent-soft": `color-mix(in srgb, ${color} 10%, white)`,
    "--accent-line": `color-mix(in srgb, ${color} 38%, white)`,
  } as CSSProperties;
}
