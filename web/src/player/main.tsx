import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Api } from "../shared/api/client";
import "../shared/styles.css";
import { PlayerApp } from "./App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <PlayerApp api={new Api()} />
  </StrictMode>,
);

// Installable and usable offline: the service worker keeps the app shell and an offline page.
if ("serviceWorker" in navigator && location.protocol !== "file:")
  navigator.serviceWorker.register("/sw.js").catch(() => undefined);
