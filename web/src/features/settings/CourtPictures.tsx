import { useEffect, useState } from "react";
import { messageOf, type Api } from "../../shared/api/client";
import type { Facility, Resource } from "../../shared/api/types";
import { listResources, removeCourtImage, setCourtImage } from "./api";
import { ImageUpload } from "./ImageUpload";

/// A picture per court, shown to players on the club page's court list.
export function CourtPictures({ api, facility }: { api: Api; facility: Facility }) {
  const [courts, setCourts] = useState<Resource[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    listResources(api, facility.id).then(
      (all) => live && setCourts(all),
      (e) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [api, facility.id]);

  return (
    <section aria-labelledby="court-pictures-title">
      <h3 id="court-pictures-title">Court pictures</h3>
      <p className="muted">Players see each court's picture in the club page's list of courts.</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {!courts && !error && <p role="status">Loading the courts…</p>}
      {courts?.length === 0 && <p className="muted">No courts yet: add them first.</p>}
      {courts?.map((c) => (
        <section key={c.id} className="court-picture" aria-labelledby={`court-picture-${c.id}`}>
          <h4 id={`court-picture-${c.id}`}>{c.name}</h4>
          <ImageUpload
            label="Picture"
            alt={`Picture of ${c.name}`}
            url={c.image_url}
            upload={async (file) => (await setCourtImage(api, c.id, file)).image_url}
            remove={async () => (await removeCourtImage(api, c.id)).image_url}
          />
        </section>
      ))}
    </section>
  );
}
