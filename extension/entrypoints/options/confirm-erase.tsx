// The "are you sure" step before anything is erased from this device: the question (what will be lost), a red
// confirm button and Cancel. Both erase sections (everything, one pupil) ask it the same way.
import type { ComponentChildren } from 'preact';

export interface ConfirmEraseProps {
  /** The question's element id, which labels the dialog. */
  questionId: string;
  question: ComponentChildren;
  confirmLabel: string;
  confirmId?: string;
  onConfirm: () => void | Promise<void>;
  onCancel: () => void;
}

export function ConfirmErase({ questionId, question, confirmLabel, confirmId, onConfirm, onCancel }: ConfirmEraseProps) {
  return (
    <div role="alertdialog" aria-labelledby={questionId}>
      <p id={questionId} class="error">
        {question}
      </p>
      <button type="button" id={confirmId} class="danger" onClick={onConfirm}>
        {confirmLabel}
      </button>{' '}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
