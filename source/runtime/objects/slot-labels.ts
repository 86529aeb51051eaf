/**
 * The event log's slots for references held under a name (kinds.ts makeSlot), with the
 * name interned in the running runtime's string table.
 */
import { makeSlot, SlotKind } from '../../events/kinds.js';
import { rt } from '../runtime.js';

/** A reference held in an attribute: 'other', '__dict__'. */
export const attrSlot = (name: string): number => makeSlot(SlotKind.Attribute, rt.ev.strings.intern(name));

/** The label of any other reference (kinds.ts SlotKind.Label): 'f_func', 'result', 'mapping'. */
export const labelSlot = (name: string): number => makeSlot(SlotKind.Label, rt.ev.strings.intern(name));
