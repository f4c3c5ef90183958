import { Spin } from 'antd';

export function PageSpin() {
  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '120px 0' }} aria-busy="true">
      <Spin size="large" />
    </div>
  );
}
