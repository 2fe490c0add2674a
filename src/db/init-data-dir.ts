/**
 * `init-data-dir <dataDir>`: creates and migrates a new embedded data directory, then exits. Run as a child process by
 * `initialiseDataDir` so that initdb's memory goes with it.
 */
import { migrateDatabase, openDatabase } from './client.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: init-data-dir <dataDir>');
const database = await openDatabase({ dataDir });
await migrateDatabase(database);
await database.close();
