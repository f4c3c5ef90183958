/**
 * A small step chart in plain SVG, for both halls: one series of (date, value)
 * points where the value holds until the next point (a balance). Values are
 * decimal strings; they are exact in the labels and only turned into numbers to
 * place them on the screen.
 */
export interface ChartPoint {
  date: string;
  value: string;
}

interface Props {
  points: ChartPoint[];
  /** the last day shown: the line runs on to it */
  until: string;
  title: string;
  width?: number;
  height?: number;
  formatValue?: (value: string) => string;
  testId?: string;
}

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export function StepLineChart({ points, until, title, width = 640, height = 220, formatValue = (v) => v, testId }: Props) {
  if (!points.length) return null;
  const pad = { left: 72, right: 16, top: 16, bottom: 28 };
  const first = dayNumber(points[0]!.date);
  const last = Math.max(dayNumber(until), first + 1);
  const values = points.map((p) => Number(p.value));
  const max = Math.max(...values, 1);
  const x = (date: string) => pad.left + ((dayNumber(date) - first) / (last - first)) * (width - pad.left - pad.right);
  const y = (value: number) => pad.top + (1 - value / max) * (height - pad.top - pad.bottom);
  let path = '';
  points.forEach((p, i) => {
    const px = x(p.date);
    const py = y(values[i]!);
    path += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
  });
  path += `H${x(until)}`;
  const ticks = [0, max / 2, max];
  return (
    <svg viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title} data-testid={testId} style={{ maxWidth: width, display: 'block' }}>
      <title>{title}</title>
      {ticks.map((v) => (
        <g key={v}>
          <line x1={pad.left} x2={width - pad.right} y1={y(v)} y2={y(v)} stroke="#f0f0f0" />
          <text x={pad.left - 6} y={y(v) + 4} fontSize="11" textAnchor="end" fill="#666666">
            {formatValue(String(Math.round(v)))}
          </text>
        </g>
      ))}
      <text x={pad.left} y={height - 8} fontSize="11" fill="#666666">
        {points[0]!.date}
      </text>
      <text x={width - pad.right} y={height - 8} fontSize="11" textAnchor="end" fill="#666666">
        {until}
      </text>
      <path d={path} fill="none" stroke="#1d4f91" strokeWidth="2" />
      {points.map((p, i) => (
        <circle key={p.date} cx={x(p.date)} cy={y(values[i]!)} r="3" fill="#1d4f91" data-testid={testId ? `${testId}-point` : undefined}>
          <title>{`${p.date}: ${formatValue(p.value)}`}</title>
        </circle>
      ))}
    </svg>
  );
}
