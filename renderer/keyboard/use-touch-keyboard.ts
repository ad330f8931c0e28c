import { useState, type FocusEvent } from 'react';

const isTextEntry = (element: EventTarget | null) => element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement;

/**
 * When a field's touch keyboard shows: from the moment the field is touched or focused until the citizen puts it
 * away, or moves to another text field (which brings its own). Moving to a button leaves it open: closing it
 * would shift the screen under the finger between the press and the release.
 */
export const useTouchKeyboard = () => {
  const [open, setOpen] = useState(false);
  return {
    open,
    close: () => setOpen(false),
    /** Spread on the field. A field that already has focus opens its keyboard again when touched. */
    fieldEvents: {
      onFocus: () => setOpen(true),
      onPointerDown: () => setOpen(true),
      onBlur: (event: FocusEvent) => {
        if (isTextEntry(event.relatedTarget)) setOpen(false);
      },
    },
  };
};
