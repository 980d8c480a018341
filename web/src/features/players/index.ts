// The players of a facility: the staff's roster, invitations and join requests (admin app).
export { Players } from "./Players";
