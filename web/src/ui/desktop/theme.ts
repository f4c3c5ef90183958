import type { ThemeConfig } from 'antd';

/**
 * The desktop portals' antd theme. Besides the brand colour, the text and status colours are
 * darkened to WCAG 2.1 AA contrast (4.5:1 for text): antd's defaults put secondary text at
 * 3.4:1 on white and success/warning/error text (tags, danger buttons, messages) at 1.8–3.3:1.
 * The light status backgrounds stay antd's own.
 */
export const desktopTheme: ThemeConfig = {
  token: {
    colorPrimary: '#1d4f91',
    colorLink: '#1d4f91',
    // antd lightens a link under the pointer (#5982ab: 3.9:1 on a warning background); darken it instead.
    colorLinkHover: '#163d70',
    colorLinkActive: '#102d54',
    colorInfo: '#1d4f91',
    colorInfoBg: '#e6f4ff',
    colorInfoBorder: '#91caff',
    colorSuccess: '#2f7d0c',
    colorSuccessBg: '#f6ffed',
    colorSuccessBorder: '#b7eb8f',
    colorWarning: '#a15c00',
    colorWarningBg: '#fffbe6',
    colorWarningBorder: '#ffe58f',
    colorError: '#c9141f',
    colorErrorBg: '#fff2f0',
    colorErrorBorder: '#ffccc7',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    // Preset tag colours in use (green, orange): their text shade, one step darker than antd's.
    green7: '#237804',
    orange7: '#ad4e00',
    // A button while it loads stays readable (antd fades it to 0.65: white on it falls to 3.4:1).
    opacityLoading: 0.9,
    borderRadius: 4,
    fontFamily: "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};
