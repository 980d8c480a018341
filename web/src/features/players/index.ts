// The players of a facility: the staff's roster, invitations and join requests (admin app), and
// the player's side: asking to join a members-only club, and accepting an invitation's link.
export { Players } from "./Players";
export { MembersOnly } from "./MembersOnly";
export { InvitationPage, invitationToken } from "./InvitationPage";
export { askToJoin, myJoinRequests } from "./api";
