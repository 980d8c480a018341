import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { Api } from "../shared/api/client";
import "../shared/styles.css";
import { AdminApp } from "./App";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <AdminApp api={new Api()} />
  </StrictMode>,
);
