import fs from 'node:fs';
import type { FastifyReply } from 'fastify';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment` (or `inline`) with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987) for Chinese file names. */
export function contentDisposition(fileName: string, inline = false): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends a generated document (a .docx or .xlsx built in memory) as a download. */
export function sendDocument(reply: FastifyReply, mime: string, fileName: string, data: Buffer): FastifyReply {
  return reply.header('content-type', mime).header('content-disposition', contentDisposition(fileName)).send(data);
}

/** Streams an uploaded file from storage, under the name it was uploaded with. */
export function sendStoredFile(reply: FastifyReply, f: { fileName: string; mime: string; size: number; filePath: string }, inline = false): FastifyReply {
  return reply
    .header('content-type', f.mime)
    .header('content-length', f.size)
    .header('content-disposition', contentDisposition(f.fileName, inline))
    .send(fs.createReadStream(f.filePath));
}
