import type { Child, FC } from 'hono/jsx';

const STYLE = `
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 0 16px 48px; color: #1d232a; }
header { display: flex; gap: 24px; align-items: baseline; border-bottom: 1px solid #d8dde3; padding: 12px 0; }
header nav a { margin-right: 12px; }
h1 { font-size: 20px; margin: 0; } h2 { font-size: 16px; margin: 28px 0 8px; } h3 { font-size: 14px; margin: 16px 0 4px; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 8px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #eceff2; vertical-align: top; }
th { background: #f5f7f9; font-weight: 600; }
code, .mono { font-family: ui-monospace, monospace; font-size: 12px; }
.status { font-weight: 600; padding: 1px 6px; border-radius: 4px; background: #eceff2; }
.status-VERIFIED, .status-APPROVED { background: #d8f3dc; } .status-REJECTED { background: #fde2e1; }
.status-PROCESSING, .status-under_review { background: #fff3c4; }
.notice { background: #e7f1ff; padding: 8px 12px; border-radius: 4px; } .error { background: #fde2e1; padding: 8px 12px; border-radius: 4px; }
.customer { border: 1px solid #d8dde3; border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
form.inline { display: inline-flex; gap: 6px; align-items: center; margin: 4px 0; }
.muted { color: #66707a; } .fault { color: #b42318; font-weight: 600; }
`;

/** The frame of every inspector page: title, navigation, a notice or error from the last action. */
export const Page: FC<{
  title: string;
  notice?: string | undefined;
  error?: string | undefined;
  children?: Child;
}> = ({ title, notice, error, children }) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{title} · blaaiz-mock</title>
      <style>{STYLE}</style>
    </head>
    <body>
      <header>
        <h1>blaaiz-mock</h1>
        <nav>
          <a href="/__mock/ui">Inspector</a>
          <a href="/__mock/ui/upload">Direct upload</a>
          <a href="/__mock/state">State (JSON)</a>
          <a href="/__mock/requests">Journal (JSON)</a>
        </nav>
      </header>
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p class="error" role="alert">
          {error}
        </p>
      ) : null}
      {children}
    </body>
  </html>
);

/** A status word with its colour. */
export const Status: FC<{ value: string }> = ({ value }) => (
  <span class={`status status-${value}`}>{value}</span>
);

/** A size in bytes, readable. */
export function bytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
