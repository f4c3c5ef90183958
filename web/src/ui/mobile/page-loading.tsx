import { SpinLoading } from 'antd-mobile';

export function MobilePageLoading() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '96px 0' }} aria-busy="true">
      <SpinLoading color="primary" />
    </div>
  );
}
