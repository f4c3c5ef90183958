import { Component, type ErrorInfo, type ReactNode } from 'react';
import i18n from '../i18n/index.ts';

interface State {
  failed: boolean;
}

/** Last resort, e.g. a chunk that could not be loaded after a deployment: offer a reload. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div role="alert" className="ch-fatal">
        <p>{i18n.t('common:errors.pageFailed')}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {i18n.t('common:actions.reload')}
        </button>
      </div>
    );
  }
}
