import { useState, type FormEvent } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import { setPlatformFee } from "./api";

/// How a platform fee reads: "none" or "2.5% of each card payment".
export function feeWords(percent: number): string {
  return percent === 0 ? "none" : `${percent}% of each card payment`;
}

/// A platform administrator sets a facility's fee: a percentage with at most two decimals; the
/// payments already made keep theirs.
export function PlatformFeeForm({
  api,
  facilityId,
  facilityName,
  percent,
  onChanged,
}: {
  api: Api;
  facilityId: string;
  facilityName: string;
  percent: number;
  onChanged: (p: number) => void;
}) {
  const [value, setValue] = useState(String(percent));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      onChanged(await setPlatformFee(api, facilityId, Number(value)));
      setSaved(true);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <form onSubmit={save} className="row" aria-label={`Platform fee of ${facilityName}`}>
      <label>
        Platform fee (%)
        <input type="number" min={0} max={100} step={0.01} value={value} onChange={(e) => setValue(e.target.value)} required />
      </label>
      <button type="submit">Save the fee</button>
      {saved && (
        <span role="status" className="success">
          Saved: new card payments carry it.
        </span>
      )}
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </form>
  );
}
