// A facility's bookings over a range of dates with filters, paging and a CSV download, and its
// people (members and staff) as searchable lists.
export { Lists } from "./Lists";
