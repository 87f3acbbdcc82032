import type { Child, FC } from 'hono/jsx';
import type { StaffUser } from '../staff/auth';

const roleLabel: Record<string, string> = {
  operator: '热线话务员', team_member: '快速响应队员', reviewer: '审核人员', supervisor: '督办人员', admin: '管理员', auditor: '审计员',
};

/** The console's navigation: each role sees the pages it may use. */
const nav: Array<{ href: string; label: string; roles: string[] }> = [
  { href: '/staff/queue', label: '待办队列', roles: ['team_member', 'supervisor'] },
  { href: '/staff/desk', label: '热线工作台', roles: ['operator', 'supervisor'] },
  { href: '/staff/chats', label: '人工对话', roles: ['operator', 'supervisor'] },
  { href: '/staff/review', label: '审核', roles: ['reviewer', 'supervisor'] },
  { href: '/staff/dashboard', label: '督办看板', roles: ['supervisor', 'admin', 'auditor'] },
  { href: '/staff/roster', label: '值班表', roles: ['team_member', 'supervisor', 'admin'] },
  { href: '/staff/audit', label: '审计日志', roles: ['auditor', 'admin'] },
  { href: '/staff/admin/parameters', label: '救助标准', roles: ['admin'] },
  { href: '/staff/admin/kb', label: '问答知识库', roles: ['admin'] },
];

/** Styles: large tap targets, high contrast, readable on a phone in the field. */
export const CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,"PingFang SC","Microsoft YaHei","WenQuanYi Zen Hei",sans-serif;color:#1a1a1a;background:#f4f5f7}
header{background:#0b3d91;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
header a{color:#fff}header .who{margin-left:auto;font-size:.9rem}
nav a{color:#fff;text-decoration:none;padding:.3rem .6rem;border-radius:4px}nav a[aria-current=page]{background:#fff;color:#0b3d91;font-weight:600}
main{padding:1rem;max-width:1100px;margin:0 auto}h1{font-size:1.4rem;margin:.2rem 0 1rem}
table{width:100%;border-collapse:collapse;background:#fff}th,td{padding:.5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{background:#eef1f6;font-weight:600}
.card{background:#fff;border:1px solid #dcdfe6;border-radius:8px;padding:1rem;margin-bottom:1rem}
.p1{color:#b00020;font-weight:700}.p2{color:#8a4b00;font-weight:700}.p3{color:#1f5f1f}
.badge{display:inline-block;padding:0 .4rem;border:1px solid currentColor;border-radius:4px;font-size:.85rem}
.breach{background:#fde8e8}.breach .left{color:#b00020;font-weight:700}
button,.button{font:inherit;padding:.55rem 1rem;min-height:44px;border:0;border-radius:6px;background:#0b3d91;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
button.secondary{background:#5a6270}button.danger{background:#b00020}
input,select,textarea{font:inherit;padding:.45rem;border:1px solid #8a8f98;border-radius:6px;width:100%;max-width:32rem}
label{display:block;margin:.5rem 0 .2rem;font-weight:600}form.inline{display:inline}
.flash{padding:.6rem 1rem;border-radius:6px;margin-bottom:1rem}.flash.error{background:#fde8e8;border:1px solid #b00020}.flash.ok{background:#e6f4ea;border:1px solid #1f5f1f}
.muted{color:#5a6270;font-size:.9rem}.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(260px,1fr));gap:1rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
@media (max-width:640px){th.opt,td.opt{display:none}main{padding:.5rem}}
`;

export interface PageProps {
  title: string;
  staff?: StaffUser;
  csrfToken?: string | undefined;
  current?: string;
  flash?: { kind: 'ok' | 'error'; text: string } | undefined;
  children?: Child;
  scripts?: string;
}

/** The page frame of the staff consoles. */
export const Page: FC<PageProps> = ({ title, staff, csrfToken, current, flash, children, scripts }) => (
  <html lang="zh-CN">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width,initial-scale=1" />
      <title>{title} · e救助工作台</title>
      <style dangerouslySetInnerHTML={{ __html: CSS }} />
    </head>
    <body>
      <header>
        <strong>e救助工作台</strong>
        {staff && (
          <nav aria-label="主菜单">
            {nav
              .filter((n) => n.roles.includes(staff.role))
              .map((n) => (
                <a href={n.href} aria-current={current === n.href ? 'page' : undefined}>
                  {n.label}
                </a>
              ))}
          </nav>
        )}
        {staff && (
          <span class="who">
            {staff.displayName}（{roleLabel[staff.role]}）
            <form class="inline" method="post" action="/staff/logout">
              <input type="hidden" name="_csrf" value={csrfToken ?? ''} />
              <button class="secondary" type="submit" style="margin-left:.5rem;min-height:32px;padding:.2rem .6rem">退出</button>
            </form>
          </span>
        )}
      </header>
      <main>
        <h1>{title}</h1>
        {flash && (
          <div class={`flash ${flash.kind}`} role={flash.kind === 'error' ? 'alert' : 'status'}>
            {flash.text}
          </div>
        )}
        {children}
      </main>
      {scripts && <script dangerouslySetInnerHTML={{ __html: scripts }} />}
    </body>
  </html>
);

/** A hidden CSRF field for every form. */
export const Csrf: FC<{ token: string | undefined }> = ({ token }) => <input type="hidden" name="_csrf" value={token ?? ''} />;

/** Priority shown with text and colour, never by colour alone. */
export const PriorityBadge: FC<{ priority: string }> = ({ priority }) => (
  <span class={`badge ${priority.toLowerCase()}`}>{{ P1: 'P1 紧急', P2: 'P2 较急', P3: 'P3 一般' }[priority] ?? priority}</span>
);

/** The flash message carried by ?ok= or ?error= after a form post redirects back. */
export const flashFrom = (query: (key: string) => string | undefined): PageProps['flash'] => {
  const error = query('error');
  const ok = query('ok');
  return error ? { kind: 'error', text: error } : ok ? { kind: 'ok', text: ok } : undefined;
};
