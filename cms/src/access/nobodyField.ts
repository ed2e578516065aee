import type { FieldAccess } from 'payload';

/** Fields only server code reads or writes, through the database adapter (second-factor secrets). */
export const nobodyField: FieldAccess = () => false;
