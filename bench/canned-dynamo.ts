/**
 * A request handler that stands in for DynamoDB in the CPU-only mode: the client does all
 * of its work (serialising, signing, parsing) but no byte leaves the process.
 *
 * It first records what the library writes (PutItem, BatchWriteItem), so that the answers
 * it then gives are items in the library's own layout (ElectroDB's pk/sk and entity
 * markers, dynamodb-toolbox's `_et`, …). After `freeze()` every answer is a pre-serialised
 * body picked by the `X-Amz-Target` header: the stub's own cost is the same for everyone.
 */
import { Readable } from 'node:stream';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';

type Item = Record<string, unknown>;

const HEADERS = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'canned' };

export class CannedDynamo {
  #recording = true;
  #jobItem: Item | undefined;
  readonly #children: Item[] = [];
  readonly #childrenTable: string;
  #bodies = new Map<string, Buffer>();

  constructor(childrenTable: string) {
    this.#childrenTable = childrenTable;
  }

  /** Ends recording: from now on every answer is canned. */
  freeze(): void {
    if (!this.#jobItem || this.#children.length === 0)
      throw new Error('CannedDynamo: record a job and its children first');
    const children = this.#children.slice(-100);
    const kept = children.filter((child) => (child['done'] as { BOOL?: boolean })?.BOOL === true);
    const bodies: Record<string, unknown> = {
      PutItem: {},
      GetItem: { Item: this.#jobItem },
      UpdateItem: {},
      'UpdateItem+values': { Attributes: this.#jobItem },
      DeleteItem: {},
      'DeleteItem+values': { Attributes: this.#jobItem },
      Query: { Items: children, Count: children.length, ScannedCount: children.length },
      // A FilterExpression on `done`: DynamoDB read all the children and kept these.
      'Query+filter': {
        Items: kept,
        Count: kept.length,
        ScannedCount: children.length,
      },
      BatchWriteItem: { UnprocessedItems: {} },
    };
    this.#bodies = new Map(
      Object.entries(bodies).map(([key, body]) => [key, Buffer.from(JSON.stringify(body))]),
    );
    this.#recording = false;
  }

  async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
    const target = String(request.headers['x-amz-target'] ?? '');
    const operation = target.slice(target.indexOf('.') + 1);
    if (this.#recording) return this.#record(operation, text(request.body));
    let key = operation;
    if (
      (operation === 'UpdateItem' || operation === 'DeleteItem') &&
      wantsValues(text(request.body))
    )
      key += '+values';
    if (operation === 'Query' && filtersOnDone(text(request.body))) key += '+filter';
    const canned = this.#bodies.get(key);
    if (!canned) throw new Error(`CannedDynamo has no answer for ${operation}`);
    return respond(canned);
  }

  #record(operation: string, body: string): { response: HttpResponse } {
    const input = JSON.parse(body) as {
      TableName?: string;
      Item?: Item;
      RequestItems?: Record<string, { PutRequest?: { Item: Item } }[]>;
    };
    if (operation === 'PutItem' && input.Item) this.#keep(input.TableName, input.Item);
    if (operation === 'BatchWriteItem') {
      for (const [table, requests] of Object.entries(input.RequestItems ?? {})) {
        for (const request of requests)
          if (request.PutRequest) this.#keep(table, request.PutRequest.Item);
      }
      return respond(Buffer.from('{"UnprocessedItems":{}}'));
    }
    return respond(Buffer.from('{}'));
  }

  #keep(table: string | undefined, item: Item): void {
    if (table === this.#childrenTable) this.#children.push(item);
    else this.#jobItem ??= item;
  }
}

const decoder = new TextDecoder();

function text(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return decoder.decode(body);
  throw new Error('CannedDynamo: unexpected request body');
}

// Some libraries filter every query (on their entity markers): only a filter naming `done`
// is the filtered query.
function filtersOnDone(body: string): boolean {
  return body.includes('"FilterExpression"') && /"#[^"]*":"done"/.test(body);
}

function wantsValues(body: string): boolean {
  const match = /"ReturnValues":"(\w+)"/.exec(body);
  return match !== null && match[1] !== 'NONE';
}

function respond(body: Buffer): { response: HttpResponse } {
  return {
    response: new HttpResponse({
      statusCode: 200,
      headers: { ...HEADERS },
      body: Readable.from([body]),
    }),
  };
}
