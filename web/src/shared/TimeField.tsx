/// A wall-clock time typed as HH:MM on the 24-hour clock, the way both apps show times (a
/// browser's own time input follows its locale, with AM and PM in some). Every form's times.
export function TimeField({
  id,
  label,
  className,
  value,
  onChange,
}: {
  id?: string;
  /// The field's name where no <label> names it.
  label?: string;
  className?: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <input
      id={id}
      aria-label={label}
      className={className}
      type="text"
      inputMode="numeric"
      pattern="([01][0-9]|2[0-3]):[0-5][0-9]"
      placeholder="HH:MM"
      title="A time on the 24-hour clock, as HH:MM"
      maxLength={5}
      size={5}
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/// Whether `v` is a time as HH:MM on the 24-hour clock.
export const isTime = (v: string) => /^([01][0-9]|2[0-3]):[0-5][0-9]$/.test(v);
