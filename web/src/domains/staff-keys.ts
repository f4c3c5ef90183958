/** Root of every query key of the staff consoles' domains, so signing out can drop them together. */
export const STAFF_QUERY_ROOT = 'staff';
