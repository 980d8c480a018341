// Finding a free court, holding it and confirming it: the player's booking screen.
export { BookView } from "./BookView";
