/**
 * The parser thread of table-reader.ts: one request, one reply. A CSV arrives in chunks (each answered with the rows
 * it completes); an XLSX arrives whole and its rows are pulled batch by batch (`next`), so the request thread holds
 * at most one batch it has not consumed.
 */
import { parentPort } from 'node:worker_threads';
import { CsvReader, errorReply, xlsxBatches, type Row, type WorkerReply, type WorkerRequest } from './table-reader.js';

const port = parentPort!;
let csv: CsvReader | null = null;
let xlsx: Generator<Row[]> | null = null;

function handle(message: WorkerRequest): WorkerReply {
  switch (message.type) {
    case 'csv-start':
      csv = new CsvReader(message.limits);
      return { rows: [], done: false };
    case 'csv-chunk':
      return { rows: csv!.push(message.data), done: false };
    case 'csv-end':
      return { rows: csv!.end(), done: true };
    case 'xlsx':
      xlsx = xlsxBatches(message.data, message.limits);
      return next();
    case 'next':
      return next();
  }
}

function next(): WorkerReply {
  const { value, done } = xlsx!.next();
  return done ? { rows: [], done: true } : { rows: value, done: false };
}

port.on('message', (message: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    reply = handle(message);
  } catch (error) {
    reply = errorReply(error);
  }
  port.postMessage(reply);
});
