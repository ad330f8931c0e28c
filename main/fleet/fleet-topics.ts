/**
 * The ThingsBoard device API's topics under a base (`v1/devices/me` on ThingsBoard, where the broker knows the device
 * by its token): fleet-and-atm.md §2.
 */
export interface FleetTopics {
  readonly telemetry: string;
  /** Client attributes go up here, shared attribute updates come down here. */
  readonly attributes: string;
  attributesRequest(requestId: number): string;
  readonly attributesResponses: string;
  readonly rpcRequests: string;
  rpcResponse(requestId: string): string;
  /** The request id of a topic under `attributes/response/` or `rpc/request/`; null for any other topic. */
  attributesResponseId(topic: string): string | null;
  rpcRequestId(topic: string): string | null;
}

const lastSegmentUnder = (prefix: string, topic: string): string | null => {
  if (!topic.startsWith(prefix)) return null;
  const id = topic.slice(prefix.length);
  return id === '' || id.includes('/') ? null : id;
};

export const fleetTopics = (base: string): FleetTopics => ({
  telemetry: `${base}/telemetry`,
  attributes: `${base}/attributes`,
  attributesRequest: (requestId) => `${base}/attributes/request/${requestId}`,
  attributesResponses: `${base}/attributes/response/+`,
  rpcRequests: `${base}/rpc/request/+`,
  rpcResponse: (requestId) => `${base}/rpc/response/${requestId}`,
  attributesResponseId: (topic) => lastSegmentUnder(`${base}/attributes/response/`, topic),
  rpcRequestId: (topic) => lastSegmentUnder(`${base}/rpc/request/`, topic),
});
