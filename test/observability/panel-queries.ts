/** The parts of a Grafana dashboard JSON the tests read. */
export interface DashboardJson {
  readonly panels: readonly {
    readonly id: number;
    readonly type: string;
    readonly title: string;
    readonly gridPos: { readonly x: number; readonly w: number };
    readonly options?: unknown;
    readonly fieldConfig?: { readonly defaults?: { readonly custom?: unknown } };
    readonly targets?: readonly {
      readonly refId: string;
      readonly expr: string;
      readonly datasource?: unknown;
    }[];
  }[];
}

export interface PanelQuery {
  /** "<panel title> / <refId>", to name it in a failure. */
  readonly panel: string;
  readonly expr: string;
  readonly datasource: unknown;
}

export function panelQueries(dashboard: DashboardJson): PanelQuery[] {
  return dashboard.panels.flatMap(({ title, targets = [] }) =>
    targets.map(({ refId, expr, datasource }) => ({ panel: `${title} / ${refId}`, expr, datasource })),
  );
}

/**
 * A query as Grafana sends it, with its built-in variables replaced: $__rate_interval is four
 * scrape intervals (the data source's timeInterval, 15 s) at the least, so 1m.
 */
export function asSentByGrafana(expr: string): string {
  return expr.replaceAll('$__rate_interval', '1m');
}
