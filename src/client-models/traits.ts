/**
 * What distinguishes one official sync client from another, as far as an endpoint can tell:
 * each trait is a fact read from the client's public source (facts only; no code of the
 * clients is copied here), with the repository, file and function it comes from. The sync
 * engine runs any client from its traits.
 */

/** The members of a ListRecords page as the engine reads them, raw (absent and null kept apart). */
export type Page = Record<string, unknown>;

export interface ClientTraits {
  name: "Android" | "iOS" | "JavaScript";
  /** all-pages: maxResults 1024, the same lastSyncCount, until NextToken ends; one-call: one call, no maxResults, NextToken ignored. */
  paging: "all-pages" | "one-call";
  /** Whether a NextToken value ends the listing. */
  lastPage: (nextToken: unknown) => boolean;
  /** Page members that, absent or null, make the sync fail, and what the client does then. */
  unboxes: readonly string[];
  /** Whether the last page tells the client the dataset was deleted remotely. */
  deletedRemotely: (page: Page, lastSyncCount: number) => boolean;
  /** Whether a record of an answer reads as a removal. */
  isRemoval: (record: Page) => boolean;
  /** The JavaScript client: a pass that applied remote records starts over, and only an empty pull ends a sync. */
  restartsAfterPull: boolean;
  /** Merged dataset names stop the sync for the app's merge handling (iOS tells the app and goes on). */
  stopsForMerge: boolean;
  /**
   * iOS: told of a deletion before it ever synced (a new dataset reads as DatasetExists false),
   * the client starts the dataset afresh from the device's records; and after dropping its copy,
   * it goes on with a dataset recreated since. The others stop at a deletion.
   */
  restartsDeletedDataset: boolean;
  /** Whether a pull makes the client keep the page's DatasetSyncCount. */
  keepsPulledCount: (records: readonly Page[], page: Page) => boolean;
  /** After a recognised conflict, the client rewinds its count to the newest count it pushed from. */
  rewindsOnConflict: boolean;
  /** Passes a sync may take before the client gives up. */
  maxPasses: number;
  /** Whether a refused push is recognised as a conflict (and retried), from its status, headers and body. */
  recognisesConflict: (status: number, headers: Record<string, string>, body: unknown) => boolean;
  /** What goes wrong when the client reads the Records of a 200 UpdateRecords answer, if anything. */
  readsPushAnswer: (records: unknown) => string | undefined;
  /** The count the client keeps after a push that returned these counts, from the pull's P (undefined: unchanged). */
  countAfterPush: (pulled: number, returned: readonly number[]) => number | undefined;
  /** A 404 answer to DeleteDataset still counts as deleted. */
  acceptsMissingOnDelete: boolean;
  /** Where a trait comes from, for each trait whose value is read from this client's source (keys are trait names: the compiler checks them). */
  sources: Partial<Record<Exclude<keyof ClientTraits, "name" | "sources">, string>>;
}

const headerType = (headers: Record<string, string>) => (headers["x-amzn-errortype"] ?? "").split(":")[0];
const bodyType = (body: unknown) => {
  const t = typeof body === "object" && body !== null ? (body as Record<string, unknown>).__type : undefined;
  return typeof t === "string" ? t.slice(t.indexOf("#") + 1) : undefined;
};
const nullish = (v: unknown) => v === undefined || v === null;
const ANDROID = "aws-amplify/aws-sdk-android, aws-android-sdk-cognito";
const IOS = "aws-amplify/aws-sdk-ios, AWSCognito/AWSCognitoDataset.m";
const JS = "aws/amazon-cognito-js 1.1.0";

export const android: ClientTraits = {
  name: "Android",
  paging: "all-pages",
  lastPage: nullish,
  unboxes: ["DatasetSyncCount", "DatasetExists", "DatasetDeletedAfterRequestedSyncCount", "Records"],
  deletedRemotely: (p, last) => (last !== 0 && p.DatasetExists !== true) || p.DatasetDeletedAfterRequestedSyncCount === true,
  isRemoval: (r) => nullish(r.Value),
  restartsAfterPull: false,
  stopsForMerge: true,
  restartsDeletedDataset: false,
  keepsPulledCount: (records) => records.length > 0,
  rewindsOnConflict: true,
  maxPasses: 4,
  // Matched on the error type, whatever the status.
  recognisesConflict: (_, headers, body) => (headerType(headers) || bodyType(body)) === "ResourceConflictException",
  readsPushAnswer: (records) =>
    nullish(records) ? "NullPointerException iterating the Records of UpdateRecords' answer, which are absent: the sync fails after the write was applied" : undefined,
  countAfterPush: (pulled, returned) => (Math.max(...returned) === pulled + 1 ? pulled + 1 : undefined),
  acceptsMissingOnDelete: true,
  sources: {
    paging: `${ANDROID} CognitoSyncStorage.listUpdates: maxResults 1024, loops while NextToken is not null, the last page's count, token and flags win`,
    unboxes: `${ANDROID} CognitoSyncStorage.listUpdates: the scalars go to primitive long/boolean builder setters and Records is iterated; the NullPointerException fails the sync (DefaultDataset.synchronize, 'Unknown exception')`,
    deletedRemotely: `${ANDROID} DefaultDataset.synchronizeInternal: (lastSyncCount != 0 && !exists) || deleted`,
    recognisesConflict: `${ANDROID} JsonErrorResponseHandler (x-amzn-ErrorType, then __type) and DefaultDataset.handleLocalModifications (retries on DataConflictException, MAX_RETRY 3)`,
    countAfterPush: `${ANDROID} DefaultDataset.handleLocalModifications: the count moves to the highest returned SyncCount only when it is the pulled count + 1`,
    readsPushAnswer: `${ANDROID} CognitoSyncStorage.putRecords: iterates the answer's Records (the 2018 model returns null when they are absent)`,
  },
};

export const ios: ClientTraits = {
  name: "iOS",
  paging: "one-call",
  lastPage: () => true,
  unboxes: [],
  // lastSyncCount != 0 tests an object pointer there, so in effect any count.
  deletedRemotely: (p) => p.DatasetExists !== true || p.DatasetDeletedAfterRequestedSyncCount === true,
  isRemoval: (r) => nullish(r.Value),
  restartsAfterPull: false,
  stopsForMerge: false,
  restartsDeletedDataset: true,
  // Whenever the answer has a Records list, empty or not.
  keepsPulledCount: (_, page) => Array.isArray(page.Records),
  rewindsOnConflict: true,
  maxPasses: 5,
  recognisesConflict: (_, headers) => headerType(headers) === "ResourceConflictException",
  readsPushAnswer: () => undefined,
  countAfterPush: (pulled, returned) => (returned.every((c) => c <= pulled + 1) ? pulled + 1 : undefined),
  acceptsMissingOnDelete: true,
  sources: {
    paging: `${IOS} syncPull: one ListRecords without maxResults, NextToken never read, DatasetSyncCount kept`,
    deletedRemotely: `${IOS} syncPull: the deletion test reads DatasetExists false or absent, or the deleted flag, whatever the count`,
    recognisesConflict: `aws-amplify/aws-sdk-ios, AWSCognitoSyncService response serializer (error type from x-amzn-ErrorType only) and AWSCognitoDataset.m syncPush (restarts on ResourceConflict, 5 attempts)`,
    countAfterPush: `${IOS} syncPush: the count moves to P + 1 unless a returned record's SyncCount is above P + 1`,
  },
};

export const javascript: ClientTraits = {
  name: "JavaScript",
  paging: "all-pages",
  lastPage: (t) => !t,
  unboxes: [],
  deletedRemotely: (p) => p.DatasetDeletedAfterRequestedSyncCount === true,
  // new Record(data) keeps data.Value || '', and isDeleted() tests === null: a tombstone arrives as ''.
  isRemoval: () => false,
  restartsAfterPull: true,
  stopsForMerge: true,
  restartsDeletedDataset: false,
  keepsPulledCount: (records) => records.length > 0,
  rewindsOnConflict: false,
  maxPasses: 4,
  // Any refused push restarts the sync.
  recognisesConflict: (status) => status >= 400,
  readsPushAnswer: (records) =>
    !Array.isArray(records)
      ? "TypeError reading the Records of UpdateRecords' answer, which are absent"
      : records.length === 0
        ? "the sync never ends: an empty Records list from UpdateRecords leaves it waiting for a callback that never comes"
        : undefined,
  countAfterPush: (_, returned) => Math.max(...returned),
  acceptsMissingOnDelete: false,
  sources: {
    paging: `${JS} src/CognitoSyncRemoteStorage.js listUpdates: MaxResults 1024 while NextToken is truthy, the last page's count, token and flags win`,
    restartsAfterPull: `${JS} src/CognitoSyncDataset.js synchronize: applies remote records, keeps DatasetSyncCount and starts over; succeeds only when the pull is empty (MAX_RETRY 3)`,
    deletedRemotely: `${JS} src/CognitoSyncDataset.js synchronize: only DatasetDeletedAfterRequestedSyncCount (remoteRecords.isDeleted())`,
    isRemoval: `${JS} src/CognitoSyncRecord.js: Value || '' stored, so a tombstone reads as an empty value`,
    countAfterPush: `${JS} src/CognitoSyncDataset.js _synchronizePushRemote: the count becomes the highest returned SyncCount`,
    readsPushAnswer: `${JS} src/CognitoSyncRemoteStorage.js putRecords (reads data.Records.length) and src/CognitoSyncLocalStorage.js putRecords (calls back only for a non-empty list)`,
  },
};

export const clients: readonly ClientTraits[] = [android, ios, javascript];
