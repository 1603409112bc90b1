import type { ReactNode } from 'react';

interface NoticeProps {
  tone?: 'info' | 'success' | 'warning';
  /** Announced when it appears (results of an action); static notices need no live region. */
  live?: boolean;
  children: ReactNode;
}

export function Notice({ tone = 'info', live = false, children }: NoticeProps) {
  return (
    <div className={tone === 'info' ? 'notice' : `notice notice--${tone}`} role={live ? 'status' : undefined}>
      {children}
    </div>
  );
}
