import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { nowIso } from '../../ids.js';
import { loadNodemailer } from '../../lazy-libs.js';
import * as repo from './notifications.repository.js';
import { STAGE_LABELS } from './notifications.service.js';

/** What sends the e-mail copy of notices: a nodemailer transport (SMTP, or jsonTransport in tests). */
export interface Mailer {
  from: string;
  transport: { sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown> };
}

/**
 * The mailer named by the environment: RENDA_SMTP_URL (smtp://user:pass@host:port, or smtps://)
 * and RENDA_MAIL_FROM; null when SMTP is not configured (notices stay in the app).
 */
export function createMailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  const url = env.RENDA_SMTP_URL?.trim();
  if (!url) return null;
  // nodemailer is loaded with the first mail (lazy-libs.ts); the transport is made once.
  let transport: Promise<{ sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown> }> | undefined;
  return {
    from: env.RENDA_MAIL_FROM?.trim() || 'Renda <noreply@localhost>',
    transport: {
      async sendMail(message) {
        transport ??= loadNodemailer().then((nodemailer) => nodemailer.createTransport(url));
        return (await transport).sendMail(message);
      },
    },
  };
}

let configured: Mailer | null = null;

/** Sets the process's mailer (main.ts from the environment; tests inject a jsonTransport). */
export function setMailer(mailer: Mailer | null): void {
  configured = mailer;
}

export function getMailer(): Mailer | null {
  return configured;
}

/** Mails older than this are not sent any more (e.g. SMTP configured later): the app shows them. */
const MAX_AGE_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Sends the e-mail copy of pending notices (users with an address) in bounded batches. Each is
 * claimed before sending so it goes out once; a failure is recorded on the notice and never
 * thrown: mail is a courtesy, the in-app notice is the record.
 */
export async function deliverPendingEmails(db: Kysely<DB>, mailer: Mailer | null = configured, options: { batchSize?: number; maxBatches?: number } = {}): Promise<{ sent: number; failed: number }> {
  let sent = 0;
  let failed = 0;
  if (!mailer) return { sent, failed };
  const batchSize = options.batchSize ?? 100;
  for (let batch = 0; batch < (options.maxBatches ?? 10); batch++) {
    let rows: repo.NotificationRow[];
    try {
      rows = await repo.findPendingEmails(db, new Date(Date.now() - MAX_AGE_MS).toISOString(), batchSize);
    } catch {
      return { sent, failed };
    }
    for (const n of rows) {
      try {
        if (!(await repo.claimEmail(db, n.id, nowIso()))) continue;
      } catch {
        continue;
      }
      try {
        await mailer.transport.sendMail({
          from: mailer.from, to: n.email_to!, subject: `【人大工作平台】${STAGE_LABELS[n.stage]}：${n.title}`,
          text: `${STAGE_LABELS[n.stage]}：${n.title}\n${n.body ?? ''}\n\n请登录人大工作平台查看：${n.kind === 'county_notice' ? '/app/county-tasks' : `/app/suggestions/${n.suggestion_id ?? ''}`}\n（本邮件由系统自动发送，请勿回复。）`,
        });
        sent++;
      } catch (err) {
        failed++;
        await repo.failEmail(db, n.id, err instanceof Error ? err.message : String(err)).catch(() => undefined);
      }
    }
    if (rows.length < batchSize) break;
  }
  return { sent, failed };
}

/** After a commit that wrote notices: sends their mail in the background when SMTP is configured. */
export function scheduleMailDelivery(db: Kysely<DB>): void {
  if (!configured) return;
  void deliverPendingEmails(db).catch(() => undefined);
}
