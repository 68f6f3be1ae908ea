/** Creating, checking and deleting the model's table (with its companion tables). */
import type { TableDescription } from '@aws-sdk/client-dynamodb';
import * as tables from '../connection/table-management.js';
import type { ModelType } from '../table.js';
import { asModel } from './core.js';
import { TableMetadata } from './table-metadata.js';

export abstract class TableManagement extends TableMetadata {
  /** Connects as the connect/create policies say: TableNotFound when missing and not to be created. */
  static async establishDbConnection(this: ModelType): Promise<void> {
    await tables.establishDbConnection(asModel(this));
  }
  /** Creates the table with its indexes (unless it exists) and waits until it is ACTIVE. */
  static async createTable(this: ModelType): Promise<TableDescription> {
    return tables.createTable(asModel(this));
  }
  /** Deletes the table; resolves to false when it did not exist. */
  static async deleteTable(this: ModelType): Promise<boolean> {
    return tables.deleteTable(asModel(this));
  }
  static async tableExists(this: ModelType): Promise<boolean> {
    return tables.tableExists(asModel(this));
  }
}
