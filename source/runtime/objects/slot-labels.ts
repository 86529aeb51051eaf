/**
 * The event log's label for a reference held under an attribute name (kinds.ts makeSlot),
 * with the name interned in the running runtime's string table.
 */
import { makeSlot, SlotKind } from '../../events/kinds.js';
import { rt } from '../runtime.js';

export const attrSlot = (name: string): number => makeSlot(SlotKind.Attribute, rt.ev.strings.intern(name));

/** The label of any other reference (kinds.ts SlotKind.Label): 'f_func', 'result', 'mapping'. */
export const labelSlot = (name: string): number => makeSlot(SlotKind.Label, rt.ev.strings.intern(name));
