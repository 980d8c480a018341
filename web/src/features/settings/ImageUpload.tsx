// Choosing, checking, uploading and removing one picture (a facility's logo, a court's picture).

import { useId, useState } from "react";
import { messageOf } from "../../shared/api/client";
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from "./api";

/// Why a file cannot be uploaded, before it is sent; null if it can. The server checks the same
/// (by the file's bytes), so this only spares the wait.
export function imageProblem(file: File): string | null {
  if (!IMAGE_TYPES.includes(file.type)) return `${file.name} is not a PNG, JPEG or WebP image.`;
  if (file.size > MAX_IMAGE_BYTES)
    return `${file.name} is ${(file.size / (1024 * 1024)).toFixed(1)} MB; a picture may be at most 2 MB.`;
  return null;
}

/// The current picture (or "none"), a file box to upload a new one, and Remove. `upload` and
/// `remove` return the picture's new address (null when removed).
export function ImageUpload({
  label,
  alt,
  url,
  upload,
  remove,
}: {
  label: string;
  alt: string;
  url: string | null | undefined;
  upload: (file: File) => Promise<string | null | undefined>;
  remove: () => Promise<string | null | undefined>;
}) {
  const id = useId();
  const [current, setCurrent] = useState(url ?? null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<string | null | undefined>, message: string) {
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      setCurrent((await action()) ?? null);
      setDone(message);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  function chosen(input: HTMLInputElement) {
    const file = input.files?.[0];
    input.value = "";
    if (!file) return;
    const problem = imageProblem(file);
    if (problem) {
      setDone(null);
      setError(problem);
      return;
    }
    void run(() => upload(file), `${label} saved.`);
  }

  return (
    <div className="image-upload">
      {current ? <img className="preview" src={current} alt={alt} /> : <p className="muted">No {label.toLowerCase()} yet.</p>}
      <div className="field">
        <label htmlFor={id}>{current ? `Replace the ${label.toLowerCase()}` : `Upload a ${label.toLowerCase()}`}</label>
        <input
          id={id}
          type="file"
          accept={IMAGE_TYPES.join(",")}
          disabled={busy}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          aria-invalid={error ? true : undefined}
          onChange={(e) => chosen(e.currentTarget)}
        />
        <div id={`${id}-hint`} className="muted hint">
          PNG, JPEG or WebP, at most 2 MB.
        </div>
        {error && (
          <div id={`${id}-error`} className="error" role="alert">
            {error}
          </div>
        )}
      </div>
      {current && (
        <button type="button" className="secondary" disabled={busy} onClick={() => void run(remove, `${label} removed.`)}>
          Remove the {label.toLowerCase()}
        </button>
      )}
      {done && <p role="status">{done}</p>}
    </div>
  );
}
