/**
 * A labelled select over words of the API (booking types, court types, statuses), each shown with
 * a space for its underscore. `any` adds a first option for "no choice", whose value is "".
 */
export function WordSelect<T extends string>({
  id,
  label,
  value,
  words,
  onChange,
  any,
}: {
  id: string;
  label: string;
  value: T | "";
  words: readonly T[];
  onChange: (value: T) => void;
  any?: string;
}) {
  return (
    <div>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {any !== undefined && <option value="">{any}</option>}
        {words.map((w) => (
          <option key={w} value={w}>
            {w.replace("_", " ")}
          </option>
        ))}
      </select>
    </div>
  );
}
