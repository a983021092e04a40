/**
 * Headline and deck: single-line plain text (no formatting), wrapping as it grows. Enter moves
 * to the next field — but never while an IME is composing, where Enter picks a candidate.
 */
import { useLayoutEffect, useRef } from 'react';

interface PlainFieldProps {
  readonly label: string;
  readonly placeholder: string;
  readonly value: string;
  readonly className: string;
  readonly readOnly: boolean;
  readonly maxLength: number;
  onChange(value: string): void;
  onEnter(): void;
}

export function PlainField({ label, placeholder, value, className, readOnly, maxLength, onChange, onEnter }: PlainFieldProps) {
  const ref = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
  }, [value]);
  return (
    <textarea
      ref={ref}
      className={className}
      aria-label={label}
      placeholder={placeholder}
      rows={1}
      value={value}
      readOnly={readOnly}
      maxLength={maxLength}
      spellCheck
      onChange={(event) => onChange(event.target.value.replace(/[\r\n]+/g, ' '))}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && !event.nativeEvent.isComposing && event.keyCode !== 229) {
          event.preventDefault();
          onEnter();
        }
      }}
    />
  );
}
